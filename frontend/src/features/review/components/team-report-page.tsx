import { Alert, Button, Container, Group, Rating, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { PageLoader } from '../../../components/page-states';
import { errorMessage } from '../../../lib/api-client';
import { useOwnReport } from '../api/get-report';
import { type HotwashState, useHotwash, useSubmitHotwash } from '../api/hotwash';
import { reportDownloads } from '../api/review-paths';
import { ResponseTimeChart } from './report-charts';
import { DecisionLog, MetricsTable, ObjectiveRatingsTable, TimelineTable } from './report-sections';

function HotwashForm({ state }: { state: HotwashState }) {
  const submit = useSubmitHotwash();
  const [ratings, setRatings] = useState<Record<string, number>>(state.submission?.ratings ?? {});
  const [answers, setAnswers] = useState<Record<string, string>>(state.submission?.answers ?? {});
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    submit.mutate({ ratings, answers });
  };
  return (
    <form onSubmit={onSubmit} aria-label="Hotwash survey">
      <Stack gap="sm">
        <Title order={2} fz="h4">
          Hotwash
        </Title>
        <Text size="sm" c="dimmed">
          Your answers go to exercise control without your name attached to the summary.
        </Text>
        {state.questions.map((q) =>
          q.kind === 'rating' ? (
            <Group key={q.id} justify="space-between" wrap="nowrap">
              <Text size="sm" id={`q-${q.id}`}>
                {q.text}
              </Text>
              <Rating aria-labelledby={`q-${q.id}`} value={ratings[q.id] ?? 0} onChange={(v) => setRatings((r) => ({ ...r, [q.id]: v }))} />
            </Group>
          ) : (
            <Textarea key={q.id} label={q.text} autosize minRows={2} value={answers[q.id] ?? ''} onChange={(e) => {
              const v = e.currentTarget.value;
              setAnswers((a) => ({ ...a, [q.id]: v }));
            }} />
          ),
        )}
        <Group>
          <Button type="submit" loading={submit.isPending}>
            {state.submission ? 'Update my answers' : 'Send'}
          </Button>
          {submit.isSuccess && <Text size="sm" c="green">Thank you — saved.</Text>}
          {submit.error && <Text size="sm" c="red" role="alert">{errorMessage(submit.error)}</Text>}
        </Group>
      </Stack>
    </form>
  );
}

/** A player's page after the drill: the hotwash survey and their own team's edition of the report. */
export function TeamReportPage() {
  const hotwash = useHotwash();
  const report = useOwnReport();
  if (hotwash.isPending) return <PageLoader />;
  if (hotwash.isError) return <Alert color="red">{errorMessage(hotwash.error)}</Alert>;
  if (!hotwash.data.open)
    return (
      <Container size="sm" py="xl">
        <Alert title="The exercise is still running">The hotwash survey and your team report open when exercise control ends the exercise.</Alert>
      </Container>
    );
  const r = report.data;
  return (
    <Container size="lg" py="md">
      <Stack gap="lg">
        <HotwashForm state={hotwash.data} />
        {report.isPending && <PageLoader label="Building your team report" />}
        {report.isError && <Alert color="red">{errorMessage(report.error)}</Alert>}
        {r && (
          <Stack gap="md">
            <Group justify="space-between">
              <Title order={2} fz="h4">
                Team report: {r.overview.teams[0]?.name}
              </Title>
              <Group gap="xs">
                <Button component="a" href={reportDownloads.own('pdf')} download size="xs" leftSection={<IconDownload size={14} />}>
                  PDF
                </Button>
                <Button component="a" href={reportDownloads.own('markdown')} download size="xs" variant="default">
                  Markdown
                </Button>
              </Group>
            </Group>
            <MetricsTable report={r} />
            <ResponseTimeChart report={r} />
            <ObjectiveRatingsTable report={r} />
            <DecisionLog report={r} />
            <TimelineTable report={r} />
          </Stack>
        )}
      </Stack>
    </Container>
  );
}
