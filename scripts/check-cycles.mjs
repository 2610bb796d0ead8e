// Import cycles in the backend and frontend source, counting type-only imports (which
// import-x/no-cycle skips): a cycle of types is still two modules that cannot be understood apart.
// And the backend's layers (LAYERS below): no import from a lower layer up to realtime or scoring.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { createRequire } from 'node:module';
const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');
const ts = createRequire(join(ROOT, 'package.json'))('typescript');

function files(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return files(p);
    return /\.(ts|tsx)$/.test(n) && !/\.(spec|test)\.tsx?$/.test(n) && !n.endsWith('.d.ts') ? [p] : [];
  });
}
function resolveImport(from, spec) {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec).replace(/\.js$/, '');
  for (const c of [base + '.ts', base + '.tsx', join(base, 'index.ts'), join(base, 'index.tsx')])
    if (existsSync(c)) return c;
  return null;
}
function importGraph(srcDir) {
  const graph = new Map();
  for (const f of files(srcDir)) {
    const info = ts.preProcessFile(readFileSync(f, 'utf8'), true, true);
    graph.set(f, [...new Set(info.importedFiles.map((i) => resolveImport(f, i.fileName)).filter(Boolean))]);
  }
  return graph;
}
function cycles(graph) {
  // Tarjan's strongly connected components: every component of more than one file is a cycle
  let index = 0;
  const idx = new Map(),
    low = new Map(),
    stack = [],
    on = new Set(),
    out = [];
  const visit = (v) => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const comp = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(comp);
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out.map((c) => c.map((f) => relative(ROOT, f)).sort());
}

/**
 * The backend's layers, by folder of `backend/src` (type-only imports count too). The domains
 * raise events (`events/domain-events.ts`); scoring and realtime subscribe. So:
 * - realtime is the top: only realtime itself and the application's wiring (the modules, the
 *   entry points, the socket.io adapter in `bootstrap/`) import from `realtime/`;
 * - scoring sits above every folder it reads or hears from: none of those imports `scoring/`
 *   (reports, authoring, health, the CLI and the wiring may). The one exception is the
 *   database's list of every entity.
 */
const LAYERS = [
  {
    target: 'realtime/',
    allowed: (f) =>
      f.startsWith('realtime/') || f.startsWith('bootstrap/') || ['app.module.ts', 'main.ts', 'worker.ts'].includes(f),
    why: 'only realtime/ and the application wiring import realtime/ (a domain announces an event; realtime-subscriptions.ts emits)',
  },
  {
    target: 'scoring/',
    allowed: (f) => !BELOW_SCORING.some((dir) => f.startsWith(dir)) || f === 'database/data-source-options.ts',
    why: 'a folder below scoring imports nothing from scoring/ (scoring subscribes to their events instead)',
  },
];
const BELOW_SCORING = [
  'auth/',
  'common/',
  'config/',
  'database/',
  'decisions/',
  'delivery/',
  'events/',
  'exercises/',
  'responses/',
  'scenarios/',
  'scheduling/',
  'threads/',
];
function layerViolations(graph, srcDir) {
  const out = [];
  for (const [file, imports] of graph) {
    const from = relative(srcDir, file);
    for (const imported of imports) {
      const to = relative(srcDir, imported);
      for (const rule of LAYERS)
        if (to.startsWith(rule.target) && !from.startsWith(rule.target) && !rule.allowed(from))
          out.push(`layer violation: backend/src/${from} imports backend/src/${to}: ${rule.why}`);
    }
  }
  return out.sort();
}

let found = 0;
const graphs = new Map();
for (const dir of ['backend/src', 'frontend/src']) {
  const graph = importGraph(join(ROOT, dir));
  graphs.set(dir, graph);
  for (const c of cycles(graph)) {
    found++;
    console.log(`import cycle (${c.length} files): ${c.join(' ↔ ')}`);
  }
}
if (found) {
  console.error(`${found} import cycle(s), type-only imports included`);
  process.exit(1);
}
const violations = layerViolations(graphs.get('backend/src'), join(ROOT, 'backend/src'));
for (const v of violations) console.log(v);
if (violations.length) {
  console.error(
    `${violations.length} import(s) from a lower layer up to realtime or scoring, type-only imports included`,
  );
  process.exit(1);
}
console.log('no import cycles (type-only imports included); backend layers kept (realtime, scoring on top)');
