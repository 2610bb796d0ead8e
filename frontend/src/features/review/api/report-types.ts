// The report's types come from the backend module that builds it (a plain, import-free file), so the
// two sides cannot drift apart.
export type {
  AfterActionReport,
  CoverageRow,
  DeliveryAccuracySummary,
  DecisionRecord,
  Finding,
  FindingKind,
  HotwashQuestion,
  ImprovementItem,
  CapabilityElement,
  ImprovementStatus,
  ReportInject,
  TeamMetrics,
  TimelineDetail,
  TimelineEntry,
  TimelineKind,
} from '../../../../../backend/src/reports/report-model';
export { CAPABILITY_ELEMENTS, IMPROVEMENT_STATUSES, RATING_LABELS, TIMELINE_KINDS } from '../../../../../backend/src/reports/report-model';
export { describeTimelineEntry, timelineNames } from '../../../../../backend/src/reports/report-timeline-text';
export { DELIVERY_ACCURACY_NOTE, deliveryAccuracyRows, participantsLabel, points, pointsOf, SCORE_SOURCE_LABEL, threatActorsLabel, TIMING_NOTE } from '../../../../../backend/src/reports/report-format';
export { techniqueLabel } from '../../../../../backend/src/reports/technique-names';
