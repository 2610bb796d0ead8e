// The report's types come from the generated contract; its words on this page come from the interface's
// message files (the exports word themselves on the server, in the language they are handed out in).
import type { ApiResponse } from '../../../lib/api-client';
import type { components } from '../../../lib/api-schema';

type S = components['schemas'];
export type AfterActionReport = ApiResponse<'/exercises/{id}/report'>;
export type CoverageRow = S['CoverageRow'];
export type DeliveryAccuracySummary = S['DeliveryAccuracySummary'];
export type DecisionRecord = S['DecisionRecord'];
export type Finding = S['Finding'];
export type FindingKind = Finding['kind'];
export type HotwashQuestion = S['HotwashQuestion'];
export type ImprovementItem = S['ImprovementItem'];
export type CapabilityElement = ImprovementItem['capabilityElement'];
export type ImprovementStatus = ImprovementItem['status'];
export type ReportInject = S['ReportInject'];
export type TeamMetrics = S['TeamMetrics'];
export type TimelineDetail = S['TimelineDetail'];
export type TimelineEntry = S['TimelineEntry'];
export type TimelineKind = TimelineEntry['kind'];

// a Record names every member of the contract's union once: one the server adds and these miss fails `tsc`
const ELEMENTS: Record<CapabilityElement, true> = {
  planning: true,
  organisation: true,
  equipment: true,
  training: true,
  exercise: true,
};
const STATUSES: Record<ImprovementStatus, true> = { open: true, 'in-progress': true, completed: true, cancelled: true };
export const CAPABILITY_ELEMENTS = Object.keys(ELEMENTS) as CapabilityElement[];
export const IMPROVEMENT_STATUSES = Object.keys(STATUSES) as ImprovementStatus[];
/** The languages the report can be handed out in (the `?language=` of the exports). */
export const REPORT_LANGUAGES = ['en', 'ko'] as const;

/** Points with one decimal at most ("87.5", "10"): sums of decimal points never show float noise. */
export const roundPoints = (n: number) => Math.round(n * 10) / 10;

/** "G0094 Kimsuky, G0032 Lazarus Group" (bare ids where the name is not known). */
export function threatActorsLabel(o: AfterActionReport['overview']): string {
  const groups = o.threatActorGroups ?? o.threatActors.map((id) => ({ id, name: null }));
  return groups.map((g) => (g.name ? `${g.id} ${g.name}` : g.id)).join(', ');
}
