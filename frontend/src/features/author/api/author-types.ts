/**
 * Response shapes of the authoring API (backend/src/authoring). The OpenAPI document does not
 * describe response bodies yet, so they mirror the backend's types here (see lib/api-types.ts).
 */
import type { Channel } from '../../../lib/api-types';

export interface PackError {
  file: string;
  line: number;
  column: number;
  path: string;
  message: string;
}
export interface ValidationReport {
  ok: boolean;
  errors: PackError[];
  summary?: { id: string; version: string; teams: number; objectives: number; injects: number };
}
export interface SavedPack {
  id: string;
  packId: string;
  version: string;
  contentHash: string;
  created: boolean;
}
export interface PackListItem {
  id: string;
  packId: string;
  version: string;
  title: string;
  summary: string;
  duration: string;
  teams: number;
  injects: number;
}
export const MSEL_FIELDS = ['id', 'number', 'time', 'date', 'mode', 'from', 'to', 'subject', 'message', 'expectedAction', 'expectationDetail', 'points', 'objective', 'capability', 'controller', 'notes', 'responseOptions', 'tlp', 'respondWithin', 'trigger', 'decision', 'eventType', 'move'] as const;
export type MselField = (typeof MSEL_FIELDS)[number];
export type ColumnMapping = Partial<Record<MselField, number>>;
export interface MselRow {
  row: number;
  kind: 'title' | 'header' | 'section' | 'inject' | 'merged' | 'skipped' | 'empty';
  injectId?: string;
  offset?: string;
  to?: string[] | 'all';
  channel?: Channel;
  subject?: string;
  phase?: string;
  errors: string[];
  warnings: string[];
}
export interface MselPreview {
  sheet: string;
  sheets: string[];
  headerRow: number | null;
  columns: { index: number; letter: string; header: string; field: MselField | null; samples: string[] }[];
  mapping: ColumnMapping;
  rows: MselRow[];
  notes: string[];
  counts: { rows: number; injects: number; skipped: number; merged: number; teams: number; sections: number };
  valid: boolean;
  packErrors: PackError[];
  generalErrors: string[];
  yaml: string;
}
export interface OpenAevPreview {
  report: {
    format: 'zip' | 'json';
    layout: 'scenario' | 'exercise';
    name: string;
    imported: { injectId: string; title: string; kind: string; offset: string | null; trigger: string | null }[];
    skipped: { title: string; kind: string; reason: string }[];
    warnings: string[];
    variables: { resolved: string[]; unknown: string[] };
  };
  valid: boolean;
  errors: PackError[];
  yaml: string;
  counts: { teams: number; objectives: number; injects: number; skipped: number };
}
export interface DryRunReport {
  id: string;
  packId: string;
  packVersion: string;
  exerciseId: string | null;
  speed: number;
  status: 'starting' | 'running' | 'finished' | 'failed';
  error: string | null;
  progress: { scenarioMs: number; durationMs: number; delivered: number; injects: number };
  wallMs: number;
  teams: { key: string; name: string; delivered: number; responses: number }[];
  injects: { injectId: string; subject: string; trigger: string | null; plannedMs: number | null; firedMs: number | null; teams: number; status: string }[];
  neverFired: string[];
  decisions: { decisionId: string; outcome: string; scenarioMs: number | null }[];
  timing: { deliveries: number; lateMsP50: number; lateMsMax: number; late: number };
  warnings: string[];
}
export interface StoredImage {
  sha256: string;
  contentType: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';
  size: number;
}
/** Path in the pack → sha256 of the uploaded or stored image, sent with validate and save. */
export type ImageMap = Record<string, string>;
