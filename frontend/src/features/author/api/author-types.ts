/** Shapes of the authoring API, named from the generated contract (lib/api-schema.d.ts). */
import type { ApiBody, ApiResponse } from '../../../lib/api-client';
import type { components } from '../../../lib/api-schema';

export type PackError = components['schemas']['PackError'];
export type ValidationReport = ApiResponse<'/authoring/packs/validate', 'post'>;
export type SavedPack = ApiResponse<'/authoring/packs', 'post'>;
export type PackListItem = ApiResponse<'/scenarios'>[number];
export type MselPreview = ApiResponse<'/authoring/msel/preview', 'post'>;
export type MselRow = MselPreview['rows'][number];
export type ColumnMapping = MselPreview['mapping'];
export type MselField = NonNullable<MselPreview['columns'][number]['field']>;
export const MSEL_FIELDS = [
  'id',
  'number',
  'time',
  'date',
  'mode',
  'from',
  'to',
  'subject',
  'message',
  'expectedAction',
  'expectationDetail',
  'points',
  'objective',
  'capability',
  'controller',
  'notes',
  'responseOptions',
  'tlp',
  'respondWithin',
  'trigger',
  'decision',
  'eventType',
  'move',
] as const satisfies readonly MselField[];
/** Every field the server can map is offered in the column menu: a field added there fails this type-check until it is listed above. */
type UnlistedMselField = Exclude<MselField, (typeof MSEL_FIELDS)[number]>;
export const _everyMselFieldListed: [UnlistedMselField] extends [never] ? true : UnlistedMselField = true;
export type OpenAevPreview = ApiResponse<'/authoring/openaev/preview', 'post'>;
export type DryRunReport = ApiResponse<'/authoring/dry-runs/{id}'>;
export type StoredImage = components['schemas']['StoredImage'];
/** Path in the pack → sha256 of the uploaded or stored image, sent with validate and save. */
export type ImageMap = NonNullable<ApiBody<'/authoring/packs', 'post'>['images']>;
