import type { Vote } from './response.entities.js';

/** A response as its team's log shows it (to the team, and to staff). */
export interface ResponseView {
  id: string;
  injectId: string;
  authorName: string;
  text: string;
  optionIds: string[];
  vote: Vote | null;
  scenarioMs: number;
  createdAt: number;
  updatedAt: number;
  revisions: { text: string; optionIds: string[]; authorName: string; editedAt: number }[];
}

/** One acknowledgement in the team's shared log. */
export interface TeamAckView {
  injectId: string;
  participantId: string;
  displayName: string;
  at: number;
}
