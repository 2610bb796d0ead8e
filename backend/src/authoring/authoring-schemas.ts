import { z } from 'zod';
import { CHANNELS } from '../scenarios/pack/pack-schema.js';
import { MSEL_FIELDS } from './msel/msel-columns.js';
import { parseChannelMap } from './msel/inject-types.js';
import type { PackInput } from './packs/pack-check.js';

const MAX_TEXT = 5 * 1024 * 1024;

/** A pack as the editor sends it: one YAML text, or the files of a pack folder. */
export const PackSourceBody = z
  .object({
    yaml: z.string().max(MAX_TEXT, 'the YAML text is larger than 5 MiB').optional(),
    files: z
      .array(z.object({ path: z.string().min(1).max(300), content: z.string().max(MAX_TEXT) }).strict())
      .min(1)
      .max(200)
      .optional(),
    /** images uploaded from the editor (or kept from the stored version): path in the pack → sha256 */
    images: z
      .record(z.string().max(300), z.string().regex(/^[0-9a-f]{64}$/, 'must be the sha256 the image upload returned'))
      .refine((m) => Object.keys(m).length <= 200, 'at most 200 images')
      .optional(),
  })
  .strict()
  .refine((b) => (b.yaml === undefined) !== (b.files === undefined), {
    message: 'give either yaml or files, not both and not neither',
    path: ['yaml'],
  });
export type PackSourceBody = z.infer<typeof PackSourceBody>;

/**
 * The pack as given: the editor's one text (the pack reader splits its `translations:` into files
 * of their own, see editorFiles) or files.
 */
export const packInput = (b: PackSourceBody): PackInput => (b.files ? { files: b.files } : { yaml: b.yaml ?? '' });

export const ImageUploadQuery = z.object({ fileName: z.string().trim().min(1).max(255).default('image') }).strict();

const packIdQuery = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-_.]*$/, 'use lower-case letters, digits, "-", "_" or "."')
  .max(80)
  .optional();

const mappingJson = z
  .string()
  .max(4000)
  .transform((s, ctx) => {
    try {
      return JSON.parse(s) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON object like {"time":0,"subject":3}' });
      return z.NEVER;
    }
  })
  .pipe(z.partialRecord(z.enum(MSEL_FIELDS), z.number().int().min(0).max(59)));

export const MselQuery = z
  .object({
    fileName: z.string().max(255).optional(),
    sheet: z.string().max(100).optional(),
    headerRow: z.coerce.number().int().min(-1).max(10_000).optional(),
    mapping: mappingJson.optional(),
    /** ISO date-time of the exercise start, read as written (wall time) */
    start: z
      .string()
      .max(40)
      .regex(/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?$/, 'must be a date and time like 2024-06-26T09:00')
      .optional(),
    packId: packIdQuery,
    title: z.string().trim().min(1).max(200).optional(),
    defaultChannel: z.enum(CHANNELS).optional(),
    /** the author's inject types → channels, as JSON {"Carrier pigeon":"phone"} */
    channelMap: z
      .string()
      .max(4000)
      .transform((s, ctx) => {
        try {
          return parseChannelMap(s);
        } catch (e) {
          ctx.addIssue({
            code: 'custom',
            message: e instanceof Error ? e.message : 'must be a JSON object like {"Send an SMS":"phone"}',
          });
          return z.NEVER;
        }
      })
      .optional(),
    /** refuse the import when a row cannot become an inject */
    strict: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
  })
  .strict();
export type MselQuery = z.infer<typeof MselQuery>;

export const startEpoch = (start: string | undefined) =>
  start === undefined ? undefined : Date.parse(`${start.replace(' ', 'T')}${start.length === 10 ? 'T00:00' : ''}Z`);

export const OpenAevQuery = z.object({ packId: packIdQuery }).strict();
/** IcebergTTX scenarios and ttx-community timelines; the format is recognised from the JSON when omitted. */
export const ToolImportQuery = z
  .object({
    packId: packIdQuery,
    fileName: z.string().max(255).optional(),
    format: z.enum(['icebergttx', 'ttx-community']).optional(),
  })
  .strict();
export const FormatQuery = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') }).strict();
export const DryRunBody = z
  .object({
    packId: z.string().min(1).max(80),
    speed: z.number().min(60, 'a dry run runs at ×60 or faster').max(600, 'the clock runs at most ×600').default(600),
  })
  .strict();
