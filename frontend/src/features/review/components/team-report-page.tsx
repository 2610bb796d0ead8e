import { useTranslation } from 'react-i18next';
import { Alert, Anchor, Button, Container, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconArrowLeft, IconDownload, IconStar, IconStarFilled } from '@tabler/icons-react';
import { Link } from 'react-router';
import { paths } from '../../../config/paths';
import '../../play/player-page.css';
import './team-report.css';
import { type FormEvent, useState } from 'react';
import { PageLoader } from '../../../components/page-states';
import { errorMessage, formErrors } from '../../../lib/api-client';
import { useOwnReport } from '../api/get-report';
import { type HotwashState, useHotwash, useSubmitHotwash } from '../api/hotwash';
import { reportDownloads } from '../api/review-paths';
import { ResponseTimeChart } from './report-charts';
import { DecisionLog, MetricsTable, ObjectiveRatingsTable, TimelineTable } from './report-sections';

const STAR_COUNT = 5;

/**
 * A 1–5 rating as five native radio buttons drawn as stars: each labelled ("3 of 5 – good"),
 * 44 px targets, arrow keys move between them, and the question is the group's legend.
 */
function StarRating({
  id,
  question,
  value,
  onChange,
  error,
}: {
  id: string;
  question: string;
  value: number;
  onChange: (v: number) => void;
  /** what the server refused about this rating */
  error?: string;
}) {
  const { t } = useTranslation('review');
  const words = t('stars.word', { returnObjects: true });
  const named = (n: number) => t('stars.of', { n, word: words[n - 1] ?? '' });
  return (
    <fieldset
      className="ttx-stars"
      data-question={id}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? `rating-${id}-error` : undefined}
    >
      <legend className="ttx-stars-legend" translate="no">
        {question}
      </legend>
      <div className="ttx-stars-row">
        {Array.from({ length: STAR_COUNT }, (_, i) => {
          const n = i + 1;
          const on = n <= value;
          return (
            <label key={n} className="ttx-star" data-on={on || undefined} title={named(n)}>
              <input
                type="radio"
                name={`rating-${id}`}
                value={n}
                checked={value === n}
                onChange={() => onChange(n)}
                aria-label={named(n)}
                className="ttx-star-input"
              />
              {on ? <IconStarFilled size={28} aria-hidden /> : <IconStar size={28} aria-hidden />}
            </label>
          );
        })}
        <Text size="sm" className="ttx-stars-value" aria-hidden>
          {value > 0 ? named(value) : t('stars.notRated')}
        </Text>
      </div>
      {error && (
        <Text size="sm" c="red" id={`rating-${id}-error`}>
          {error}
        </Text>
      )}
    </fieldset>
  );
}

function HotwashForm({ state }: { state: HotwashState }) {
  const { t } = useTranslation('review');
  const submit = useSubmitHotwash();
  const [ratings, setRatings] = useState<Record<string, number>>(state.submission?.ratings ?? {});
  const [answers, setAnswers] = useState<Record<string, string>>(state.submission?.answers ?? {});
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    submit.mutate({ ratings, answers });
  };
  // a refused answer says what is wrong under its question; the line by the button keeps the rest
  const fieldOf = (q: HotwashState['questions'][number]) => `${q.kind === 'rating' ? 'ratings' : 'answers'}.${q.id}`;
  const problems = formErrors(submit.error, state.questions.map(fieldOf));
  return (
    <form onSubmit={onSubmit} aria-label={t('hotwash.form')}>
      <Stack gap="sm">
        <Title order={2} fz="h4">
          {t('hotwash.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('hotwash.anonymous')}
        </Text>
        {state.questions.map((q) =>
          q.kind === 'rating' ? (
            <StarRating
              key={q.id}
              id={q.id}
              question={t(`hotwash.questions.${q.id}`, { defaultValue: q.text })}
              value={ratings[q.id] ?? 0}
              onChange={(v) => setRatings((r) => ({ ...r, [q.id]: v }))}
              error={problems.byField[fieldOf(q)]}
            />
          ) : (
            <Textarea
              key={q.id}
              label={t(`hotwash.questions.${q.id}`, { defaultValue: q.text })}
              autosize
              minRows={2}
              maxRows={12}
              maxLength={5000}
              value={answers[q.id] ?? ''}
              error={problems.byField[fieldOf(q)]}
              onChange={(e) => {
                const v = e.currentTarget.value;
                setAnswers((a) => ({ ...a, [q.id]: v }));
              }}
            />
          ),
        )}
        <Group>
          <Button type="submit" loading={submit.isPending}>
            {state.submission ? t('hotwash.update') : t('hotwash.send')}
          </Button>
          {submit.isSuccess && (
            <Text size="sm" c="green" role="status">
              {t('hotwash.saved')}
            </Text>
          )}
          {problems.rest !== undefined && (
            <Text size="sm" c="red" role="alert">
              {problems.rest}
            </Text>
          )}
        </Group>
      </Stack>
    </form>
  );
}

/** A player's page after the drill: the hotwash survey and their own team's edition of the report. */
export function TeamReportPage() {
  const { t } = useTranslation('review');
  const hotwash = useHotwash();
  const report = useOwnReport();
  if (hotwash.isPending) return <PageLoader />;
  if (hotwash.isError) return <Alert color="red">{errorMessage(hotwash.error)}</Alert>;
  if (!hotwash.data.open)
    return (
      <Container size="sm" py="xl" className="ttx-player-page">
        <Alert title={t('team.stillRunning')}>{t('team.opensAtEnd')}</Alert>
      </Container>
    );
  const r = report.data;
  return (
    <Container size="lg" py="md" className="ttx-player-page" data-testid="team-report-page">
      <Stack gap="lg">
        <Anchor component={Link} to={paths.play.getHref()} size="sm" className="ttx-back-link">
          <IconArrowLeft size={14} aria-hidden /> {t('team.back')}
        </Anchor>
        <Title order={1} fz="h3">
          {t('team.title')}
        </Title>
        <HotwashForm state={hotwash.data} />
        {report.isPending && <PageLoader label={t('team.building')} />}
        {report.isError && <Alert color="red">{errorMessage(report.error)}</Alert>}
        {r && (
          <Stack gap="md">
            <Group justify="space-between">
              <Title order={2} fz="h4">
                {t('team.report', { team: r.overview.teams[0]?.name ?? '' })}
              </Title>
              <Group gap="xs">
                <Button
                  component="a"
                  href={reportDownloads.own('pdf')}
                  download
                  size="xs"
                  leftSection={<IconDownload size={14} />}
                  translate="no"
                >
                  PDF
                </Button>
                <Button
                  component="a"
                  href={reportDownloads.own('markdown')}
                  download
                  size="xs"
                  variant="default"
                  translate="no"
                >
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
