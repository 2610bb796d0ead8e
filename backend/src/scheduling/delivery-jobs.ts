/** One typed map from job name to payload: the queue and the worker both read it. */
export interface DeliveryJobs {
  'deliver-inject': {
    exerciseId: string;
    injectId: string;
    teamScope: string;
    generation: number;
    dueAtMs: number;
    scenarioMs: number;
  };
  'start-exercise': { exerciseId: string; generation: number; startAtMs: number };
  'decision-deadline': { exerciseId: string; decisionRowId: string; generation: number; dueAtMs: number };
}
export type DeliveryJobName = keyof DeliveryJobs;

export const DELIVERY_QUEUE = 'delivery';

/** Deterministic ids: re-adding the same job for the same clock generation is a no-op (BullMQ forbids ":" in custom ids). */
export const jobIds = {
  deliver: (exerciseId: string, injectId: string, teamScope: string, generation: number) =>
    `deliver_${exerciseId}_${injectId}_${teamScope || 'all'}_g${generation}`,
  deadline: (exerciseId: string, decisionRowId: string, generation: number) =>
    `deadline_${exerciseId}_${decisionRowId}_g${generation}`,
  start: (exerciseId: string, generation: number) => `start_${exerciseId}_g${generation}`,
};
