// The API contract, read from the backend's own types and written for the frontend.
//
//   node scripts/gen-contract.mjs          write the generated files
//   node scripts/gen-contract.mjs --check  fail (exit 1) when a generated file is stale (npm run lint)
//
// Source of truth: the backend's controllers. For every route the TypeScript checker reads the
// method's return type (what the handler really answers), the zod schema passed to @ZodBody /
// @ZodQuery (request input) and the path parameters; the socket payloads come from
// ServerToClientEvents / ClientToServerEvents in backend/src/realtime/realtime-events.ts.
// The error answer (ApiErrorBody in backend/src/common/error-body.ts, with FieldProblem) is added
// to the components too, though no route declares it.
// Outputs:
//   backend/openapi.json                     OpenAPI 3.1 document with request AND response bodies
//                                            (the contract tests validate real answers against it)
//   frontend/src/lib/api-schema.d.ts         its types (openapi-typescript)
//   frontend/src/lib/socket-events.ts        the socket event maps, typed from the same document
// A type change on the server changes these files: the frontend type-check then fails where a
// screen relied on the old shape, and lint fails until they are regenerated.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import openapiTS, { astToString } from 'openapi-typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const backendSrc = join(root, 'backend/src');
const OUT = {
  doc: join(root, 'backend/openapi.json'),
  types: join(root, 'frontend/src/lib/api-schema.d.ts'),
  socket: join(root, 'frontend/src/lib/socket-events.ts'),
};

const configPath = join(root, 'backend/tsconfig.json');
const parsed = ts.parseJsonConfigFileContent(
  ts.readConfigFile(configPath, ts.sys.readFile).config,
  ts.sys,
  dirname(configPath),
);
const program = ts.createProgram(parsed.fileNames, parsed.options);
const checker = program.getTypeChecker();
const F = ts.TypeFlags;

// ---- TypeScript type -> JSON Schema --------------------------------------------------------------
const components = {};
const named = new Map(); // symbol -> component name
const usedNames = new Map(); // component name -> symbol

const inBackend = (sym) => (sym?.declarations ?? []).some((d) => d.getSourceFile().fileName.startsWith(backendSrc));
function componentName(sym) {
  if (named.has(sym)) return named.get(sym);
  let name = sym.getName().replace(/[^\w.-]/g, '_');
  for (let n = 2; usedNames.has(name) && usedNames.get(name) !== sym; n++) name = `${sym.getName()}${n}`;
  named.set(sym, name);
  usedNames.set(name, sym);
  return name;
}
function docOf(sym) {
  const text = ts.displayPartsToString(sym?.getDocumentationComment(checker) ?? []).trim();
  return text ? { description: text } : {};
}
const isNamedObject = (t) => {
  if (t.aliasSymbol) return !t.aliasTypeArguments?.length && inBackend(t.aliasSymbol) ? t.aliasSymbol : null;
  const sym = t.symbol;
  if (!sym || !(sym.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.Class))) return null;
  if (t.objectFlags & ts.ObjectFlags.Reference && checker.getTypeArguments(t).length) return null;
  return inBackend(sym) ? sym : null;
};
const isBinary = (t) =>
  ['StreamableFile', 'Buffer', 'Uint8Array', 'ReadStream', 'Readable'].includes(t.symbol?.getName() ?? '');

function schemaOf(type, depth = 0) {
  if (depth > 40) throw new Error(`type too deep: ${checker.typeToString(type)}`);
  const alias = isNamedObject(type);
  if (alias && depth > 0) {
    const name = componentName(alias);
    if (!(name in components)) {
      components[name] = {}; // reserve first: recursive types refer to themselves
      components[name] = { ...schemaBody(type, depth), ...docOf(alias) };
    }
    return { $ref: `#/components/schemas/${name}` };
  }
  return schemaBody(type, depth);
}

function schemaBody(type, depth) {
  const f = type.flags;
  if (f & (F.Any | F.Unknown)) return {};
  if (f & F.String) return { type: 'string' };
  if (f & F.Number) return { type: 'number' };
  if (f & F.Boolean) return { type: 'boolean' };
  if (f & F.Null) return { type: 'null' };
  if (f & F.StringLiteral) return { type: 'string', enum: [type.value] };
  if (f & F.NumberLiteral) return { type: 'number', enum: [type.value] };
  if (f & F.BooleanLiteral) return { type: 'boolean', enum: [checker.typeToString(type) === 'true'] };
  if (f & F.TemplateLiteral) return { type: 'string' };
  if (f & F.EnumLiteral && type.isUnion()) return unionSchema(type.types, depth);
  if (f & (F.Undefined | F.Void | F.Never)) return { not: {} };
  if (type.isUnion()) return unionSchema(type.types, depth);
  if (type.isIntersection() || f & F.Object) return objectSchema(type, depth);
  if (f & F.NonPrimitive) return { type: 'object' };
  throw new Error(`cannot describe ${checker.typeToString(type)} in JSON Schema`);
}

function unionSchema(types, depth) {
  const parts = types.filter((t) => !(t.flags & (F.Undefined | F.Void)));
  const boolLits = parts.filter((t) => t.flags & F.BooleanLiteral);
  const rest = parts.filter((t) => !(t.flags & F.BooleanLiteral));
  const out = [];
  if (boolLits.length === 2) out.push({ type: 'boolean' });
  else if (boolLits.length === 1) out.push(schemaOf(boolLits[0], depth + 1));
  const strings = rest.filter((t) => t.flags & F.StringLiteral).map((t) => t.value);
  const numbers = rest.filter((t) => t.flags & F.NumberLiteral).map((t) => t.value);
  if (strings.length) out.push({ type: 'string', enum: strings });
  if (numbers.length) out.push({ type: 'number', enum: numbers });
  for (const t of rest) if (!(t.flags & (F.StringLiteral | F.NumberLiteral))) out.push(schemaOf(t, depth + 1));
  return out.length === 1 ? out[0] : { anyOf: out };
}

function objectSchema(type, depth) {
  const symName = type.symbol?.getName();
  if (symName === 'Date') return { type: 'string', format: 'date-time' };
  if (isBinary(type)) return { type: 'string', format: 'binary' };
  if (
    checker.isArrayType(type) ||
    (checker.isArrayLikeType(type) && !checker.isTupleType(type) && type.symbol?.getName() === 'ReadonlyArray')
  ) {
    return { type: 'array', items: schemaOf(checker.getTypeArguments(type)[0], depth + 1) };
  }
  if (checker.isTupleType(type)) {
    const items = checker.getTypeArguments(type).map((t) => schemaOf(t, depth + 1));
    return { type: 'array', prefixItems: items, minItems: items.length, maxItems: items.length };
  }
  if (type.getCallSignatures().length && !type.getProperties().length)
    throw new Error(`a function is not JSON: ${checker.typeToString(type)}`);
  const properties = {};
  const required = [];
  for (const prop of checker.getPropertiesOfType(type)) {
    const decl = prop.valueDeclaration ?? prop.declarations?.[0];
    if (prop.flags & ts.SymbolFlags.Method) continue;
    if (decl && ts.getCombinedModifierFlags(decl) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) continue;
    const pt = checker.getTypeOfSymbol(prop);
    if (pt.flags & (F.Undefined | F.Void | F.Never)) continue; // never present in the JSON
    if (pt.getCallSignatures().length && !(pt.flags & F.Union)) continue;
    const optional =
      prop.flags & ts.SymbolFlags.Optional ||
      (pt.isUnion() && pt.types.some((t) => t.flags & (F.Undefined | F.Void))) ||
      pt.flags & F.Undefined;
    properties[prop.getName()] = { ...schemaOf(pt, depth + 1), ...docOf(prop) };
    if (!optional) required.push(prop.getName());
  }
  const index = checker.getIndexInfosOfType(type).find((i) => i.keyType.flags & (F.String | F.Number));
  const out = { type: 'object', properties };
  if (required.length) out.required = required;
  out.additionalProperties = index ? schemaOf(index.type, depth + 1) : false;
  return out;
}

// ---- routes from the controllers -------------------------------------------------------------------
const VERBS = { Get: 'get', Post: 'post', Put: 'put', Delete: 'delete', Patch: 'patch' };
const decoratorsOf = (node) => (ts.canHaveDecorators(node) ? (ts.getDecorators(node) ?? []) : []);
const callOf = (d) => (ts.isCallExpression(d.expression) ? d.expression : null);
const nameOf = (call) => (ts.isIdentifier(call.expression) ? call.expression.text : '');
const stringArg = (call) => {
  const a = call.arguments[0];
  return a && ts.isStringLiteralLike(a) ? a.text : '';
};
/** the input type of a zod schema (what a client sends) */
function zodInput(expr) {
  const t = checker.getTypeAtLocation(expr);
  const zod = checker.getPropertyOfType(t, '_zod');
  const input = zod && checker.getPropertyOfType(checker.getTypeOfSymbol(zod), 'input');
  if (!input) throw new Error(`not a zod schema: ${expr.getText()}`);
  return checker.getTypeOfSymbol(input);
}

const paths = {};
for (const sf of program.getSourceFiles()) {
  if (!sf.fileName.startsWith(backendSrc) || sf.isDeclarationFile) continue;
  ts.forEachChild(sf, (node) => {
    if (!ts.isClassDeclaration(node) || !node.name) return;
    const ctrl = decoratorsOf(node)
      .map(callOf)
      .find((c) => c && nameOf(c) === 'Controller');
    if (!ctrl) return;
    const prefix = stringArg(ctrl);
    for (const member of node.members) {
      if (!ts.isMethodDeclaration(member)) continue;
      const calls = decoratorsOf(member).map(callOf).filter(Boolean);
      const verbCall = calls.find((c) => nameOf(c) in VERBS);
      if (!verbCall) continue;
      const verb = VERBS[nameOf(verbCall)];
      const raw = ['api', prefix, stringArg(verbCall)].filter(Boolean).join('/').replace(/\/+/g, '/');
      const path = `/${raw}`.replace(/\/$/, '').replace(/:(\w+)/g, '{$1}');
      const method = member.name.getText();
      const op = {
        operationId: `${node.name.text}_${method}`,
        ...(member.jsDoc?.length ? docOf(checker.getSymbolAtLocation(member.name)) : {}),
      };
      const pathParams = [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({
        name: m[1],
        in: 'path',
        required: true,
        schema: { type: 'string' },
      }));
      const params = [...pathParams];
      for (const p of member.parameters) {
        for (const d of decoratorsOf(p).map(callOf).filter(Boolean)) {
          if (nameOf(d) === 'ZodBody') {
            op.requestBody = {
              required: true,
              content: { 'application/json': { schema: schemaOf(zodInput(d.arguments[0])) } },
            };
          } else if (nameOf(d) === 'ZodQuery') {
            const q = schemaOf(zodInput(d.arguments[0]));
            for (const [name, schema] of Object.entries(q.properties ?? {}))
              params.push({ name, in: 'query', required: (q.required ?? []).includes(name), schema });
          }
        }
      }
      if (params.length) op.parameters = params;
      const httpCode = calls.find((c) => nameOf(c) === 'HttpCode');
      const status = httpCode ? httpCode.arguments[0].getText() : verb === 'post' ? '201' : '200';
      const sig = checker.getSignatureFromDeclaration(member);
      const ret =
        checker.getAwaitedType(checker.getReturnTypeOfSignature(sig)) ?? checker.getReturnTypeOfSignature(sig);
      const parts = ret.isUnion() ? ret.types : [ret];
      const passthroughRes = member.parameters.some((p) =>
        decoratorsOf(p)
          .map(callOf)
          .some((c) => c && nameOf(c) === 'Res' && !c.getText().includes('passthrough')),
      );
      let response = { description: 'no body' };
      const declared = calls.find((c) => nameOf(c) === 'ApiJsonBody');
      if (declared)
        response = {
          description: 'OK',
          content: { 'application/json': { schema: schemaOf(checker.getTypeFromTypeNode(declared.typeArguments[0])) } },
        };
      else if (passthroughRes || parts.every((t) => t.flags & (F.Void | F.Undefined)))
        response = { description: 'written by the handler' };
      else if (parts.some(isBinary))
        response = {
          description: 'a file',
          content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
        };
      else response = { description: 'OK', content: { 'application/json': { schema: schemaOf(ret) } } };
      op.responses = { [status]: response };
      (paths[path] ??= {})[verb] = op;
    }
  });
}

// ---- socket events ---------------------------------------------------------------------------------
const eventsFile = program.getSourceFile(join(backendSrc, 'realtime/realtime-events.ts'));
const socketMaps = {};
for (const mapName of ['ServerToClientEvents', 'ClientToServerEvents']) {
  const decl = eventsFile.statements.find((s) => ts.isInterfaceDeclaration(s) && s.name.text === mapName);
  const events = [];
  for (const prop of checker.getPropertiesOfType(checker.getTypeAtLocation(decl))) {
    const [sig] = checker.getTypeOfSymbol(prop).getCallSignatures();
    const args = sig.getParameters().map((param) => {
      const pt = checker.getTypeOfSymbol(param);
      const [cb] = pt.getCallSignatures();
      const payload = cb ? checker.getTypeOfSymbol(cb.getParameters()[0]) : pt;
      const base = `${mapName === 'ServerToClientEvents' ? 'ServerEvent' : 'ClientEvent'}_${prop.getName().replace(/[^\w]/g, '_')}${cb ? '_ack' : ''}`;
      const schema = schemaOf(payload);
      components[base] = schema;
      return { name: param.getName(), component: base, callback: cb ? cb.getParameters()[0].getName() : null };
    });
    events.push({ name: prop.getName(), doc: docOf(prop).description, args });
  }
  socketMaps[mapName] = events;
}

// ---- answers no route declares: the refused request's body (every route may answer it) ----------------
for (const [file, name] of [['common/error-body.ts', 'ApiErrorBody']]) {
  const decl = program
    .getSourceFile(join(backendSrc, file))
    .statements.find((s) => ts.isInterfaceDeclaration(s) && s.name.text === name);
  if (!decl) throw new Error(`${file}: no interface ${name}`);
  schemaOf(checker.getDeclaredTypeOfSymbol(checker.getSymbolAtLocation(decl.name)), 1); // registers it and what it names
}

// ---- write -----------------------------------------------------------------------------------------
const sortKeys = (o) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
const doc = {
  openapi: '3.1.0',
  info: {
    title: 'Cyber TTX API',
    version: '0.1.0',
    description: `Generated by scripts/gen-contract.mjs from ${relative(root, backendSrc)}; do not edit.`,
  },
  paths: sortKeys(paths),
  components: { schemas: sortKeys(components) },
};
const docText = `${JSON.stringify(doc, null, 2)}\n`;
const typesText = astToString(await openapiTS(doc, { alphabetize: false }));
const header =
  "/**\n * Generated by scripts/gen-contract.mjs from the backend's controllers and view types; do not edit.\n * Regenerate: npm run contract\n */\n";

const lines = [
  '// Generated by scripts/gen-contract.mjs from backend/src/realtime/realtime-events.ts; do not edit.',
  '// Regenerate: npm run contract',
  "import type { components } from './api-schema';",
  '',
  "type S = components['schemas'];",
];
for (const [mapName, events] of Object.entries(socketMaps)) {
  lines.push('', `export interface ${mapName} {`);
  for (const e of events) {
    if (e.doc) lines.push(`  /** ${e.doc.replace(/\s*\n\s*/g, ' ')} */`);
    const args = e.args.map((a) =>
      a.callback ? `${a.name}: (${a.callback}: S['${a.component}']) => void` : `${a.name}: S['${a.component}']`,
    );
    lines.push(`  '${e.name}': (${args.join(', ')}) => void;`);
  }
  lines.push('}');
}
const socketText = `${lines.join('\n')}\n`;

const outputs = [
  [OUT.doc, docText],
  [OUT.types, header + typesText],
  [OUT.socket, socketText],
];
if (process.argv.includes('--check')) {
  const stale = outputs.filter(([file, text]) => {
    try {
      return readFileSync(file, 'utf8') !== text;
    } catch {
      return true;
    }
  });
  if (stale.length) {
    process.stderr.write(
      `The API contract is stale (the backend's types changed): ${stale.map(([f]) => relative(root, f)).join(', ')}\nRun \`npm run contract\` and commit the result.\n`,
    );
    process.exit(1);
  }
} else {
  for (const [file, text] of outputs) writeFileSync(file, text);
  process.stdout.write(`contract: ${Object.keys(paths).length} paths, ${Object.keys(components).length} schemas\n`);
}
