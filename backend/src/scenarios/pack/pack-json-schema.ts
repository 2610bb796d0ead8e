import { z } from 'zod';
import { InjectFile, PackFile } from './pack-schema.js';

/** JSON Schema for editors: a file is either a pack.yaml or an injects/*.yaml file. */
export function packJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(z.union([PackFile, InjectFile]), { io: 'input', unrepresentable: 'any' });
  return {
    ...schema,
    $id: 'https://cyber-ttx.local/scenario.schema.json',
    title: 'Cyber TTX scenario pack',
    description: 'A pack.yaml (metadata, teams, objectives, phases, injects) or an injects/*.yaml file (injects only).',
  };
}
