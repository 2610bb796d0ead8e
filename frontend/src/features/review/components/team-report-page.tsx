import { Alert, Anchor, Button, Container, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconArrowLeft, IconDownload, IconStar, IconStarFilled } from '@tabler/icons-react';
import { Link } from 'react-router';
import { paths } from '../../../config/paths';
import '../../play/player-page.css';
import './team-report.css';
import { type FormEvent, useState } from 'react';
import { PageLoader } from '../../../components/page-states';
import { errorMessage } from '../../../lib/api-client';
import { useOwnReport } from '../api/get-report';
import { type HotwashState, useHotwash, useSubmitHotwash } from '../api/hotwash';
import { reportDownloads } from '../api/review-paths';
import { ResponseTimeChart } from './report-charts';
import { DecisionLog, MetricsTable, ObjectiveRatingsTable, TimelineTable } from './report-sections';

const STAR_WORDS = ['poor', 'fair', 'good', 'very good', 'excellent'] as const;

/**
 * A 1–5 rating as five native radio buttons drawn as stars: each labelled ("3 of 5 – good"),
 * 44 px targets, arrow keys move between them, and the question is the group's legend.
 */
function StarRating({ id, question, value, onChange }: { id: string; question: string; value: number; onChange: (v: number) => void }) {
  return (
    <fieldset className="ttx-stars" data-question={id}>
      <legend className="ttx-stars-legend">{question}</legend>
      <div className="ttx-stars-row">
        {STAR_WORDS.map((word, i) => {
          const n = i + 1;
          const on = n <= value;
          return (
            <label key={n} className="ttx-star" data-on={on || undefined} title={`${n} of 5 – ${word}`}>
              <input type="radio" name={`rating-${id}`} value={n} checked={value === n} onChange={() => onChange(n)} aria-label={`${n} of 5 – ${word}`} className="ttx-star-input" />
              {on ? <IconStarFilled size={28} aria-hidden /> : <IconStar size={28} aria-hidden />}
            </label>
          );
        })}
        <Text size="sm" className="ttx-stars-value" aria-hidden>
          {value > 0 ? `${value} of 5 – ${STAR_WORDS[value - 1]}` : 'not rated'}
        </Text>
      </div>
    </fieldset>
  );
}

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
          Hotwash survey
        </Title>
        <Text size="sm" c="dimmed">
          Your answers go to exercise control without your name attached to the summary.
        </Text>
        {state.questions.map((q) =>
          q.kind === 'rating' ? (
            <StarRating key={q.id} id={q.id} question={q.text} value={ratings[q.id] ?? 0} onChange={(v) => setRatings((r) => ({ ...r, [q.id]: v }))} />
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
          {submit.isSuccess && (
            <Text size="sm" c="green" role="status">
              Thank you — saved.
            </Text>
          )}
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
      <Container size="sm" py="xl" className="ttx-player-page">
        <Alert title="The exercise is still running">The hotwash survey and your team report open when exercise control ends the exercise.</Alert>
      </Container>
    );
  const r = report.data;
  return (
    <Container size="lg" py="md" className="ttx-player-page" data-testid="team-report-page">
      <Stack gap="lg">
        <Anchor component={Link} to={paths.play.getHref()} size="sm" className="ttx-back-link">
          <IconArrowLeft size={14} aria-hidden /> Back to the team console
        </Anchor>
        <Title order={1} fz="h3">
          Hotwash and team report
        </Title>
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
