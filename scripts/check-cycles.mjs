// Import cycles in the backend and frontend source, counting type-only imports (which
// import-x/no-cycle skips): a cycle of types is still two modules that cannot be understood apart.
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
function cycles(srcDir) {
  const graph = new Map();
  for (const f of files(srcDir)) {
    const info = ts.preProcessFile(readFileSync(f, 'utf8'), true, true);
    graph.set(f, [...new Set(info.importedFiles.map((i) => resolveImport(f, i.fileName)).filter(Boolean))]);
  }
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
let found = 0;
for (const dir of ['backend/src', 'frontend/src'])
  for (const c of cycles(join(ROOT, dir))) {
    found++;
    console.log(`import cycle (${c.length} files): ${c.join(' ↔ ')}`);
  }
if (found) {
  console.error(`${found} import cycle(s), type-only imports included`);
  process.exit(1);
}
console.log('no import cycles (type-only imports included)');
