import type { ScoreItem } from './score-rules.js';

/** A team's live total and breakdown, as the scoring routes and the report return it. */
export interface TeamScore {
  teamId: string;
  teamName: string;
  total: number;
  max: number;
  items: ScoreItem[];
}

export const RATINGS = ['P', 'S', 'M', 'U'] as const;
export type Rating = (typeof RATINGS)[number];
/** An evaluator's latest rating of a team on one objective (the payload was checked when it was logged). */
export interface ObjectiveRatingView {
  teamId: string;
  objectiveId: string;
  rating: Rating;
  observations: string;
  /** the evaluator's username */
  evaluator: string;
  at: number;
}
