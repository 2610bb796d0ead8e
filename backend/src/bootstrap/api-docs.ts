import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OpenAPIObject } from '@nestjs/swagger';

/** The generated contract (scripts/gen-contract.mjs, `npm run contract`), beside the backend's dist. */
export const CONTRACT_PATH = join(dirname(fileURLToPath(import.meta.url)), '../../openapi.json');

type Operation = Record<string, unknown>;
type Paths = Record<string, Record<string, Operation>>;

/**
 * The served API document: the routes as the running server registered them (Nest's scan, so a route
 * is listed because it exists), each with the request and response bodies of the generated contract,
 * which Nest's scan cannot see (the handlers' types are TypeScript, not decorators). A route the
 * contract does not know keeps what the scan found; lint fails on a stale contract.
 */
export function withContractBodies(scanned: OpenAPIObject, contractPath = CONTRACT_PATH): OpenAPIObject {
  if (!existsSync(contractPath)) return scanned;
  const contract = JSON.parse(readFileSync(contractPath, 'utf8')) as {
    paths: Paths;
    components?: { schemas?: Record<string, unknown> };
  };
  const paths = scanned.paths as unknown as Paths;
  for (const [path, ops] of Object.entries(paths))
    for (const [method, op] of Object.entries(ops)) {
      const typed = contract.paths[path]?.[method];
      if (!typed) continue;
      for (const key of ['parameters', 'requestBody', 'responses'] as const) if (typed[key]) op[key] = typed[key];
    }
  return {
    ...scanned,
    openapi: '3.1.0',
    components: {
      ...scanned.components,
      schemas: { ...scanned.components?.schemas, ...(contract.components?.schemas as object) },
    },
  };
}
