/**
 * An inject's delivery as players hear of it at its instant: no team ids, so one broadcast serves
 * every target team and names no other team (the control room's copy adds them).
 */
export interface InjectDeliveredEvent {
  exerciseId: string;
  injectId: string;
  /** exercise-clock time the inject was due */
  scenarioMs: number;
  /** wall instant it was due (epoch ms) */
  dueAt: number;
  deliveredAt: number;
  late: boolean;
}
