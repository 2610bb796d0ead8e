/** A decision as the decision routes return it. */
export interface DecisionView {
  id: string;
  decisionId: string;
  injectId: string;
  question: string;
  mode: 'team' | 'consensus';
  options: { id: string; label: string }[];
  memberTeamIds: string[];
  status: 'open' | 'closed';
  outcome: string | null;
  forced: boolean;
  deadlineScenarioMs: number;
  /** `reason`: what a blocking team stated (null on every other vote) */
  votes: { teamId: string; choice: string; reason: string | null; at: number; participantName: string }[];
  /** staff: the question and option labels in each language that translates them, beside the source above */
  translations: Record<string, { question?: string | undefined; options?: Record<string, string> | undefined }>;
}
