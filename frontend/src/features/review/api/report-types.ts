// The report's types come from the generated contract; its wording helpers are shared with the PDF export.
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
export {
  CAPABILITY_ELEMENTS,
  IMPROVEMENT_STATUSES,
  RATING_LABELS,
  TIMELINE_KINDS,
} from '../../../../../backend/src/reports/report-model';
export { describeTimelineEntry, timelineNames } from '../../../../../backend/src/reports/report-timeline-text';
export { REPORT_LANGUAGES } from '../../../../../backend/src/reports/report-messages';
export {
  DELIVERY_ACCURACY_NOTE,
  deliveryAccuracyRows,
  participantsLabel,
  points,
  pointsOf,
  SCORE_SOURCE_LABEL,
  threatActorsLabel,
  TIMING_NOTE,
} from '../../../../../backend/src/reports/report-format';
export { techniqueLabel } from '../../../../../backend/src/reports/technique-names';
