import { z } from 'zod';

/**
 * The scenario pack format, defined once. The loader validates YAML against it, the CLI exports
 * it as JSON Schema (`injects/scenario.schema.json`) for editors, and the API reuses its types.
 */

/**
 * The text formats a field must match, by pattern and message (what a zod issue carries): the
 * loader names a mismatch by its code (`schema.format.<code>`), so a client can word it in its
 * own language.
 */
const FORMAT_CODES = new Map<string, string>();
export const formatCode = (pattern: string | undefined, message: string): string | undefined =>
  FORMAT_CODES.get(`${pattern}\0${message}`);
const format = (pattern: RegExp, code: string, message: string) => {
  FORMAT_CODES.set(`${String(pattern)}\0${message}`, code);
  return z.string().regex(pattern, message);
};

const slug = format(/^[a-z0-9][a-z0-9-_.]*$/, 'id', 'use lower-case letters, digits, "-", "_" or "."').max(80);

/** `T+hh:mm` or `T+hh:mm:ss` (hours may exceed 24). */
export const OFFSET_PATTERN = /^T\+(\d{1,3}):([0-5]\d)(?::([0-5]\d))?$/;

export const offset = format(OFFSET_PATTERN, 'offset', 'must be an exercise-clock offset like T+01:30 or T+01:30:15');

/** A duration written like an offset but without the `T+` prefix: `hh:mm[:ss]`. */
export const DURATION_PATTERN = /^(\d{1,3}):([0-5]\d)(?::([0-5]\d))?$/;
export const duration = format(DURATION_PATTERN, 'duration', 'must be a duration like 04:00 or 00:15:00 (hh:mm[:ss])');

/** A language tag such as `en`, `ko` or `pt-BR` (ISO 639-1, optional region). */
export const LANGUAGE_PATTERN = /^[a-z]{2}(-[A-Z]{2})?$/;
export const languageTag = format(LANGUAGE_PATTERN, 'language', 'must be a language tag like en, ko or pt-BR');

export const TLP = z.enum(['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED']);

export const CHANNELS = ['email', 'news', 'social', 'siem', 'intel', 'phone', 'sitrep', 'chat', 'video'] as const;
export const Channel = z.enum(CHANNELS);

const attackTechniqueId = format(
  /^T\d{4}(\.\d{3})?$/,
  'attackTechnique',
  'must be an ATT&CK technique id like T1566.002',
);
const attackGroupId = format(/^G\d{4}$/, 'attackGroup', 'must be an ATT&CK group id like G0094');
const disarmId = format(/^T\d{4}(\.\d{3})?$/, 'disarmTechnique', 'must be a DISARM technique id like T0087');

export const ThreatTags = z
  .object({
    groups: z.array(attackGroupId).default([]),
    attack: z.array(attackTechniqueId).default([]),
    disarm: z.array(disarmId).default([]),
    /** ATT&CK techniques attributed to the groups as an explicit scenario assumption (not documented for them by ATT&CK) */
    assumed: z.array(attackTechniqueId).default([]),
  })
  .strict();

export const Sender = z
  .object({
    name: z.string().min(1).max(200),
    /** email address, social handle, phone number or call sign, as the channel needs */
    address: z.string().max(200).optional(),
    organisation: z.string().max(200).optional(),
  })
  .strict();

const artifactBase = { title: z.string().max(200).optional() };

export const Artifact = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('ioc-table'),
      ...artifactBase,
      rows: z
        .array(
          z
            .object({
              type: z.enum([
                'ip',
                'domain',
                'url',
                'sha256',
                'sha1',
                'md5',
                'email',
                'filename',
                'registry',
                'wallet',
                'other',
              ]),
              value: z.string().min(1).max(500),
              note: z.string().max(500).optional(),
            })
            .strict(),
        )
        .min(1),
    })
    .strict(),
  z
    .object({
      kind: z.literal('log'),
      ...artifactBase,
      format: z.string().max(40).optional(),
      content: z.string().min(1).max(20_000),
    })
    .strict(),
  z
    .object({
      kind: z.literal('image'),
      ...artifactBase,
      /** path relative to the pack folder */
      path: format(
        /^(?!\/)(?!.*\.\.)[\w./-]+\.(png|jpe?g|gif|webp|svg)$/i,
        'imagePath',
        'must be a relative image path inside the pack',
      ),
      alt: z.string().min(1).max(500),
    })
    .strict(),
]);

export const ExpectedAction = z
  .object({
    id: slug,
    text: z.string().min(1).max(1000),
    points: z.number().int().min(0).max(1000).default(10),
    /**
     * response options that count as covering this action; an action without options is a
     * judgement call that only an evaluator scores
     */
    options: z.array(slug).default([]),
    /**
     * the teams this action is expected of (default: every team the inject goes to); on a shared
     * inject only these teams are scored on it and only their maximum counts its points
     */
    teams: z.array(slug).min(1).optional(),
  })
  .strict();

/** A plausible-but-wrong response option: choosing it costs points or caps the team's score on the inject. */
export const Distractor = z
  .object({
    /** why the option is wrong, named in the score breakdown beside the points it costs */
    why: z.string().min(1).max(1000),
    /** points taken off the team's score on this inject when it chose the option */
    penalty: z.number().int().min(0).max(1000).default(0),
    /** the team's points on this inject may not exceed this share of its maximum once it chose the option */
    cap: z.number().min(0).max(1).optional(),
  })
  .strict()
  .refine((d) => d.penalty > 0 || d.cap !== undefined, {
    message: 'a distractor needs a penalty above 0 or a cap',
    params: { code: 'distractor.needsPenaltyOrCap' },
  });

export const ResponseOption = z
  .object({
    id: slug,
    label: z.string().min(1).max(300),
    /** marks the option as a distractor (never listed as covering an expected action) */
    distractor: Distractor.optional(),
  })
  .strict();

export const Decision = z
  .object({
    id: slug,
    question: z.string().min(1).max(1000),
    options: z.array(z.object({ id: slug, label: z.string().min(1).max(300) }).strict()).min(2),
    mode: z.enum(['team', 'consensus']),
    /** consensus: the member teams that vote (default: the inject's targets) */
    members: z.array(slug).optional(),
    /** consensus: whether members may abstain and whether a single member can block */
    allowAbstain: z.boolean().default(true),
    allowBlock: z.boolean().default(true),
    /** deadline, counted on the exercise clock from the inject's delivery */
    deadline: duration,
  })
  .strict();

export const Trigger = z.discriminatedUnion('type', [
  z
    .object({
      /** released a delay after another inject was delivered */
      type: z.literal('after-inject'),
      inject: slug,
      delay: duration.default('00:00'),
    })
    .strict(),
  z
    .object({
      /** released when a decision reaches an outcome (an option id, or blocked / timed-out) */
      type: z.literal('decision-outcome'),
      decision: slug,
      outcome: z.string().min(1).max(80),
      delay: duration.default('00:00'),
    })
    .strict(),
  z
    .object({
      /** released when a team chose a response option (to that team only) */
      type: z.literal('response-option'),
      inject: slug,
      option: slug,
      delay: duration.default('00:00'),
    })
    .strict(),
  z
    .object({
      /** contingency: released at `at` to each target team that had not logged the expected action */
      type: z.literal('contingency'),
      inject: slug,
      expectedAction: slug,
      at: offset,
    })
    .strict(),
]);

/** How an inject's score is made: expected-action points plus a timeliness share. */
export const Scoring = z
  .object({
    /** timeliness points as a share of the inject's expected-action points (0 turns it off) */
    timelinessShare: z.number().min(0).max(1).optional(),
    /** timeliness falls linearly from full at respondWithin to zero at this multiple of it */
    zeroAfter: z.number().min(1).max(20).optional(),
  })
  .strict();

export const Inject = z
  .object({
    id: slug,
    /** exercise-clock time of release; omit when a trigger releases the inject */
    offset: offset.optional(),
    /** team ids, or "all" */
    to: z.union([z.literal('all'), z.array(slug).min(1)]),
    channel: Channel,
    from: Sender,
    subject: z.string().min(1).max(300),
    body: z.string().min(1).max(50_000),
    tlp: TLP.optional(),
    artifacts: z.array(Artifact).default([]),
    tags: ThreatTags.default({ groups: [], attack: [], disarm: [], assumed: [] }),
    /** phase id; defaults to the phase whose start is the latest at or before the offset */
    phase: slug.optional(),
    objectives: z.array(slug).default([]),
    responseOptions: z.array(ResponseOption).default([]),
    expectedActions: z.array(ExpectedAction).default([]),
    respondWithin: duration.optional(),
    decision: Decision.optional(),
    trigger: Trigger.optional(),
    facilitatorNotes: z.string().max(20_000).optional(),
    scoring: Scoring.optional(),
    /** channel-specific presentation details (engagement counts, severity, host, rule...) */
    meta: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
  })
  .strict();

export const Team = z
  .object({
    id: slug,
    name: z.string().min(1).max(200),
    description: z.string().max(2000).optional(),
  })
  .strict();

export const Objective = z
  .object({
    id: slug,
    text: z.string().min(1).max(1000),
    coreCapability: z.string().min(1).max(200),
  })
  .strict();

export const Phase = z
  .object({
    id: slug,
    title: z.string().min(1).max(200),
    start: offset,
    summary: z.string().max(2000).optional(),
  })
  .strict();

export const PackMeta = z
  .object({
    id: slug,
    title: z.string().min(1).max(200),
    summary: z.string().min(1).max(5000),
    version: format(/^\d+\.\d+\.\d+$/, 'version', 'must be a semantic version like 1.0.0'),
    duration,
    audience: z.string().max(500).optional(),
    tags: z.array(z.string().max(80)).default([]),
    classification: TLP.default('TLP:CLEAR'),
    threatActors: z.array(attackGroupId).default([]),
    scoring: Scoring.optional(),
    /** the language the pack is written in (its source; default en); translations live in `translations/<language>/` */
    language: languageTag.optional(),
  })
  .strict();

/** The `pack.yaml` file of a pack folder. Injects may also live in `injects/*.yaml`. */
export const PackFile = PackMeta.extend({
  teams: z.array(Team).min(1),
  objectives: z.array(Objective).default([]),
  phases: z.array(Phase).default([]),
  injects: z.array(Inject).default([]),
}).strict();

/** A file under `<pack>/injects/`. */
export const InjectFile = z.object({ injects: z.array(Inject).min(1) }).strict();

export type PackFile = z.infer<typeof PackFile>;
export type Inject = z.infer<typeof Inject>;
export type Team = z.infer<typeof Team>;
export type Objective = z.infer<typeof Objective>;
export type Phase = z.infer<typeof Phase>;
export type Scoring = z.infer<typeof Scoring>;
export type Decision = z.infer<typeof Decision>;
export type ExpectedAction = z.infer<typeof ExpectedAction>;
export type Distractor = z.infer<typeof Distractor>;
export type Trigger = z.infer<typeof Trigger>;
export type Channel = z.infer<typeof Channel>;

/*
 * Translations: `translations/<language>/*.yaml` beside `injects/`. A translation carries text
 * only, keyed by the ids of the source: it cannot add, remove or rename ids, and it has no field
 * for channels, recipients, timing or scoring, so it cannot change them. What it leaves out is
 * shown in the source language.
 */
const text = (max: number) => z.string().min(1).max(max);
const idMap = <T extends z.ZodType>(value: T) => z.record(slug, value);

export const InjectTranslation = z
  .object({
    from: z
      .object({ name: text(200).optional(), organisation: text(200).optional() })
      .strict()
      .optional(),
    subject: text(300).optional(),
    body: text(50_000).optional(),
    /** response option id → label */
    responseOptions: idMap(text(300)).optional(),
    /** expected action id → text (what evaluators read beside the source) */
    expectedActions: idMap(text(1000)).optional(),
    /**
     * distractor option id → why the option is wrong (the source's `distractor.why`: what a team
     * that chose it reads in its score breakdown and report); only options the source marks as distractors
     */
    distractors: idMap(z.object({ why: text(1000) }).strict()).optional(),
    decision: z
      .object({
        question: text(1000).optional(),
        /** decision option id → label */
        options: idMap(text(300)).optional(),
      })
      .strict()
      .optional(),
    /** artifact position (0, 1, …) → its title, an image's alt text, an IOC table's row notes (row position → note) */
    artifacts: z
      .record(
        format(/^\d{1,3}$/, 'artifactPosition', 'must be the artifact position: 0, 1, 2 …'),
        z
          .object({
            title: text(200).optional(),
            alt: text(500).optional(),
            notes: z
              .record(format(/^\d{1,4}$/, 'rowPosition', 'must be the row position: 0, 1, 2 …'), text(500))
              .optional(),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

export const PackPartTranslation = z
  .object({
    title: text(200).optional(),
    summary: text(5000).optional(),
    /** who the exercise is for (only when the source names an audience) */
    audience: text(500).optional(),
    teams: idMap(z.object({ name: text(200).optional(), description: text(2000).optional() }).strict()).optional(),
    /** objective id → its text and its core capability (objectives sharing a capability share its translation) */
    objectives: idMap(
      z.object({ text: text(1000).optional(), coreCapability: text(200).optional() }).strict(),
    ).optional(),
    phases: idMap(z.object({ title: text(200).optional(), summary: text(2000).optional() }).strict()).optional(),
  })
  .strict();

/** A file under `<pack>/translations/<language>/`. */
export const TranslationFile = z
  .object({
    pack: PackPartTranslation.optional(),
    /** source inject id → its translation */
    injects: idMap(InjectTranslation).default({}),
  })
  .strict();

export type InjectTranslation = z.infer<typeof InjectTranslation>;
export type PackPartTranslation = z.infer<typeof PackPartTranslation>;

/** One language's translation of a whole pack, merged from its files. */
export interface PackTranslation {
  pack: PackPartTranslation;
  injects: Record<string, InjectTranslation>;
}

/** A whole pack once its files are merged: what exercises snapshot. */
export interface ScenarioPack extends PackFile {
  injects: Inject[];
  /** language → translation (absent on packs without translations and on older snapshots) */
  translations?: Record<string, PackTranslation>;
}

export function parseOffsetMs(value: string): number {
  const m = OFFSET_PATTERN.exec(value);
  if (!m) throw new Error(`not an offset: ${value}`);
  return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3] ?? 0)) * 1000;
}

export function parseDurationMs(value: string): number {
  const m = DURATION_PATTERN.exec(value);
  if (!m) throw new Error(`not a duration: ${value}`);
  return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3] ?? 0)) * 1000;
}

export function formatOffset(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `T${sign}${pad(h)}:${pad(m)}:${pad(s)}`;
}
