import {
  type Artifact,
  CHANNELS,
  type Channel,
  type DecisionView,
  type PlayerInjectView,
  type Tlp,
} from '../../../lib/api-types';
import type { DraftArtifact, DraftInject } from './pack-doc';
import { DURATION, toMs } from './pack-doc';

const TLPS: readonly string[] = ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'];
const IOC_TYPES: readonly string[] = [
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
];

const str = (v: unknown): v is string => typeof v === 'string' && v !== '';

/** An artifact of a draft as the console shows it; half-written ones are left out until they are complete. */
function artifactView(a: DraftArtifact): Artifact | null {
  switch (a.kind) {
    case 'image':
      return str(a.path)
        ? { kind: 'image', path: a.path, alt: str(a.alt) ? a.alt : a.path, ...(str(a.title) ? { title: a.title } : {}) }
        : null;
    case 'log':
      return str(a.content)
        ? {
            kind: 'log',
            content: a.content,
            ...(str(a.format) ? { format: a.format } : {}),
            ...(str(a.title) ? { title: a.title } : {}),
          }
        : null;
    case 'ioc-table': {
      const rows = (Array.isArray(a.rows) ? a.rows : []).flatMap((r) =>
        r && str(r.value) && str(r.type) && IOC_TYPES.includes(r.type)
          ? [
              {
                type: r.type as Extract<Artifact, { kind: 'ioc-table' }>['rows'][number]['type'],
                value: r.value,
                ...(str(r.note) ? { note: r.note } : {}),
              },
            ]
          : [],
      );
      return rows.length ? { kind: 'ioc-table', rows, ...(str(a.title) ? { title: a.title } : {}) } : null;
    }
    default:
      return null;
  }
}

/**
 * A draft inject in the shape the team console receives once it is delivered, so the editor can
 * render it with the console's own components. Fields the author has not filled in yet get
 * harmless stand-ins instead of breaking the preview.
 */
export function draftInjectView(inject: DraftInject, scenarioMs: number): PlayerInjectView {
  const channel: Channel = (CHANNELS as readonly string[]).includes(inject.channel ?? '')
    ? (inject.channel as Channel)
    : 'email';
  const d = inject.decision;
  const options = (d?.options ?? []).flatMap((o) =>
    o && str(o.id) ? [{ id: o.id, label: str(o.label) ? o.label : o.id }] : [],
  );
  const decision: DecisionView | null =
    d && str(d.question)
      ? {
          id: d.id ?? 'decision',
          question: d.question,
          mode: d.mode === 'consensus' ? 'consensus' : 'team',
          options,
          deadline: d.deadline ?? '',
        }
      : null;
  const meta = Object.fromEntries(
    Object.entries(inject.meta && typeof inject.meta === 'object' ? inject.meta : {}).filter(
      (e): e is [string, string | number | boolean] => ['string', 'number', 'boolean'].includes(typeof e[1]),
    ),
  );
  return {
    id: inject.id ?? 'draft',
    channel,
    from: {
      name: str(inject.from?.name) ? inject.from.name : '(no sender)',
      ...(str(inject.from?.address) ? { address: inject.from.address } : {}),
      ...(str(inject.from?.organisation) ? { organisation: inject.from.organisation } : {}),
    },
    subject: inject.subject ?? '',
    body: inject.body ?? '',
    tlp: inject.tlp && TLPS.includes(inject.tlp) ? (inject.tlp as Tlp) : null,
    artifacts: (Array.isArray(inject.artifacts) ? inject.artifacts : []).flatMap((a) => {
      const v = a && typeof a === 'object' ? artifactView(a) : null;
      return v ? [v] : [];
    }),
    meta,
    responseOptions: (inject.responseOptions ?? []).flatMap((o) =>
      o && str(o.id) ? [{ id: o.id, label: str(o.label) ? o.label : o.id }] : [],
    ),
    respondWithinMs: toMs(inject.respondWithin, DURATION),
    decision,
    scenarioMs,
    deliveredAt: 0,
    late: false,
    // a draft is read in the pack's own language: nothing is untranslated
    content: { language: '', untranslated: [] },
  };
}
