// Regenerate src/lib/api-schema.d.ts from a running backend's OpenAPI document.
// Usage: BACKEND_URL=http://127.0.0.1:3000 npm run gen:api -w frontend
import { spawnSync } from 'node:child_process';

const backend = process.env.BACKEND_URL ?? 'http://127.0.0.1:3000';
const r = spawnSync('npx', ['openapi-typescript', `${backend}/api/docs-json`, '-o', 'src/lib/api-schema.d.ts'], { stdio: 'inherit' });
process.exit(r.status ?? 1);
