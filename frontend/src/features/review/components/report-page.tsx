import {
  Anchor,
  Badge,
  Button,
  Container,
  Group,
  Menu,
  Select,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../i18n/format';
import { ErrorAlert, PageLoader } from '../../../components/page-states';
import { useReport } from '../api/get-report';
import { type AfterActionReport, REPORT_LANGUAGES } from '../api/report-types';
import { reportDownloads } from '../api/review-paths';
import { useReportRealtime } from '../hooks/use-report-realtime';
import { DeliveryAccuracySection } from './delivery-accuracy-section';
import { FindingsEditor } from './findings-editor';
import { ImprovementPlanTable } from './improvement-plan-table';
import { CoverageMatrix, ResponseTimeChart, ScoreByObjectiveChart, TimelineSwimlane } from './report-charts';
import {
  DecisionLog,
  HotwashSummaryView,
  MetricsTable,
  ObjectiveRatingsTable,
  Overview,
  TimelineTable,
} from './report-sections';

function Exports({ report }: { report: AfterActionReport }) {
  const id = report.overview.exerciseId;
  const { t, i18n } = useTranslation('aar');
  const [team, setTeam] = useState<string | null>(null);
  // the language the downloads are handed out in (headings, labels and the scenario's words); null: the scenario's
  // source. Until the reader picks one: their interface language where the pack offers it, else the source
  const [chosen, setLanguage] = useState<string | null>(null);
  const reader = i18n.resolvedLanguage;
  const offered = report.overview.pack.languages;
  const language = chosen ?? (reader && offered.includes(reader) ? reader : null);
  const autonym = (tag: string) => new Intl.DisplayNames([tag], { type: 'language' }).of(tag) ?? tag;
  return (
    <Group gap="xs">
      <Group gap={6} wrap="nowrap">
        <Text size="xs" fw={600} component="label" htmlFor="report-language">
          {t('downloads.in')}
        </Text>
        <Select
          id="report-language"
          size="xs"
          w={170}
          data-testid="report-language"
          data={REPORT_LANGUAGES.map((l) => ({ value: l, label: autonym(l) }))}
          value={language}
          onChange={setLanguage}
          placeholder={t('downloads.sourceLanguage')}
          allowDeselect={false}
        />
      </Group>
      <Button
        component="a"
        href={reportDownloads.full(id, 'pdf', language)}
        download
        size="xs"
        leftSection={<IconDownload size={14} />}
        data-testid="download-pdf"
      >
        {t('downloads.pdf')}
      </Button>
      <Menu>
        <Menu.Target>
          <Button size="xs" variant="default">
            {t('downloads.other')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item component="a" href={reportDownloads.full(id, 'markdown', language)} download>
            {t('downloads.markdown')}
          </Menu.Item>
          <Menu.Item component="a" href={reportDownloads.full(id, 'json', language)} download>
            {t('downloads.json')}
          </Menu.Item>
          <Menu.Item component="a" href={reportDownloads.full(id, 'responses-csv', language)} download>
            {t('downloads.responsesCsv')}
          </Menu.Item>
          <Menu.Item component="a" href={reportDownloads.full(id, 'scores-csv', language)} download>
            {t('downloads.scoresCsv')}
          </Menu.Item>
          <Menu.Item component="a" href={reportDownloads.plan(id, 'csv', language)} download>
            {t('downloads.planCsv')}
          </Menu.Item>
          <Menu.Item component="a" href={reportDownloads.plan(id, 'pdf', language)} download>
            {t('downloads.planPdf')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Select
        size="xs"
        w={200}
        placeholder={t('downloads.playerFor')}
        aria-label={t('downloads.playerForLabel')}
        data={report.overview.teams.map((t) => ({ value: t.id, label: t.name }))}
        value={team}
        onChange={setTeam}
        clearable
      />
      {team && (
        <Anchor size="sm" href={reportDownloads.player(id, team, 'pdf', language)} download>
          {t('downloads.playerPdf')}
        </Anchor>
      )}
    </Group>
  );
}

/** The after-action report of one exercise: a live draft while it runs, final once it ends. */
export function ReportPage({ exerciseId, canEdit }: { exerciseId: string; canEdit: boolean }) {
  const { t, i18n } = useTranslation('aar');
  const f = useFormat();
  // the edition in the reader's interface language: the scenario's words where the pack translates
  // them, and the findings the report drafts (and the plan's suggestions made from them) in that language
  const q = useReport(
    exerciseId,
    REPORT_LANGUAGES.find((l) => l === i18n.resolvedLanguage),
  );
  useReportRealtime(exerciseId);
  if (q.isPending) return <PageLoader label={t('page.building')} />;
  if (q.isError) return <ErrorAlert error={q.error} title={t('page.failed')} />;
  const r = q.data;
  const objectives = r.overview.objectives.map((o) => ({ value: o.id, label: o.text }));
  return (
    <Container fluid py="md">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Title order={1} fz="h2">
              {t('page.title', { name: r.overview.name })}
            </Title>
            <Group gap="xs">
              <Badge color={r.state === 'final' ? 'green' : 'yellow'} data-testid="report-state">
                {r.state === 'final' ? t('page.final') : t('page.draft')}
              </Badge>
              <Text size="sm" c="dimmed">
                {t('page.generated', {
                  classification: r.overview.scope.classification,
                  when: f.timestamp(r.generatedAt),
                })}
                {r.state === 'draft' ? ` · ${t('page.refreshes')}` : ''}
              </Text>
            </Group>
          </Stack>
          <Exports report={r} />
        </Group>
        <Tabs defaultValue="overview" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="overview">{t('page.tabs.overview')}</Tabs.Tab>
            <Tabs.Tab value="objectives">{t('page.tabs.objectives')}</Tabs.Tab>
            <Tabs.Tab value="findings">{t('page.tabs.findings')}</Tabs.Tab>
            <Tabs.Tab value="performance">{t('page.tabs.performance')}</Tabs.Tab>
            <Tabs.Tab value="coverage">{t('page.tabs.coverage')}</Tabs.Tab>
            <Tabs.Tab value="decisions">{t('page.tabs.decisions')}</Tabs.Tab>
            <Tabs.Tab value="timeline">{t('page.tabs.timeline')}</Tabs.Tab>
            <Tabs.Tab value="hotwash">{t('page.tabs.hotwash')}</Tabs.Tab>
            <Tabs.Tab value="plan">{t('page.tabs.plan')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="overview" pt="md">
            <Overview report={r} />
          </Tabs.Panel>
          <Tabs.Panel value="objectives" pt="md">
            <ObjectiveRatingsTable report={r} />
          </Tabs.Panel>
          <Tabs.Panel value="findings" pt="md">
            <FindingsEditor
              key={JSON.stringify(r.findings)}
              exerciseId={exerciseId}
              findings={[...r.findings.strengths, ...r.findings.improvements]}
              drafted={r.findings.drafted}
              readOnly={!canEdit}
            />
          </Tabs.Panel>
          <Tabs.Panel value="performance" pt="md">
            <Stack gap="md">
              <MetricsTable report={r} />
              <SimpleGrid cols={{ base: 1, lg: 2 }}>
                <ResponseTimeChart report={r} />
                <ScoreByObjectiveChart report={r} />
              </SimpleGrid>
              <Text size="xs" c="dimmed">
                {r.scores.source === 'hidden' ? t('page.scoresHidden') : t('page.scoreSource')}
              </Text>
              <DeliveryAccuracySection report={r} />
            </Stack>
          </Tabs.Panel>
          <Tabs.Panel value="coverage" pt="md">
            <CoverageMatrix report={r} />
          </Tabs.Panel>
          <Tabs.Panel value="decisions" pt="md">
            <DecisionLog report={r} />
          </Tabs.Panel>
          <Tabs.Panel value="timeline" pt="md">
            <Stack gap="md">
              <TimelineSwimlane report={r} />
              <TimelineTable report={r} />
            </Stack>
          </Tabs.Panel>
          <Tabs.Panel value="hotwash" pt="md">
            <HotwashSummaryView report={r} />
          </Tabs.Panel>
          <Tabs.Panel value="plan" pt="md">
            <ImprovementPlanTable
              exerciseId={exerciseId}
              items={r.improvementPlan}
              readOnly={!canEdit}
              objectives={objectives}
              suggestions={r.findings.improvements.map((f) => f.text)}
            />
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </Container>
  );
}
