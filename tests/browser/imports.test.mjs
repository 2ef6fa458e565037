// No circle of imports in web/js: a module that imports itself through
// others is evaluated half-initialised, and the page's structure stops being
// a tree one can read from main.js down. Needs only node (no browser): ctest
// runs it as web_imports.
//
//   node --test tests/browser/imports.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const webJs = resolve(dirname(fileURLToPath(import.meta.url)), '../../web/js');

// The relative specifiers a module imports or re-exports statically.
export function importsOf(source) {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const out = [];
  const re = /(?:^|[;\s])(?:import|export)\s*(?:[\w*{}\s,$]*?\s*from\s*)?['"]([^'"]+)['"]/g;
  for (let m; (m = re.exec(code));) if (m[1].startsWith('.')) out.push(m[1]);
  return out;
}

function jsFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? jsFiles(p) : p.endsWith('.js') ? [p] : [];
  });
}

// file → the files it imports, for every .js under `dir`.
export function importGraph(dir) {
  const graph = new Map();
  for (const f of jsFiles(dir))
    graph.set(f, importsOf(readFileSync(f, 'utf8')).map((s) => resolve(dirname(f), s)));
  return graph;
}

// Every cycle found by a depth-first walk, each as the path that closes it.
export function findCycles(graph) {
  const cycles = [];
  const state = new Map();  // undefined: unseen, 1: on the path, 2: done
  const path = [];
  const visit = (n) => {
    state.set(n, 1);
    path.push(n);
    for (const m of graph.get(n) || []) {
      if (state.get(m) === 1) cycles.push([...path.slice(path.indexOf(m)), m]);
      else if (!state.get(m)) visit(m);
    }
    path.pop();
    state.set(n, 2);
  };
  for (const n of [...graph.keys()].sort()) if (!state.get(n)) visit(n);
  return cycles;
}

test('the check reads imports and finds a cycle', () => {
  assert.deepEqual(importsOf(`import { a } from './a.js';\nimport {\n  b,\n  c,\n} from "../b.js";\n` +
    `import './side.js';\nexport { d } from './d.js';\n// import { x } from './commented.js';\n` +
    `import { t } from 'node:test';\nconst s = 'import from "./not.js"';`),
  ['./a.js', '../b.js', './side.js', './d.js']);
  const g = new Map([['main', ['page', 'api']], ['page', ['api', 'main']], ['api', []]]);
  assert.deepEqual(findCycles(g), [['main', 'page', 'main']]);
  assert.deepEqual(findCycles(new Map([['a', ['b']], ['b', []]])), []);
});

test('web/js has no circle of imports', () => {
  const graph = importGraph(webJs);
  const main = join(webJs, 'main.js');
  assert.ok((graph.get(main) || []).length > 5, 'main.js and its imports are read');
  for (const [f, deps] of graph)
    for (const d of deps) assert.ok(graph.has(d), `${relative(webJs, f)} imports ${relative(webJs, d)}, which is not there`);
  const cycles = findCycles(graph).map((c) => c.map((f) => relative(webJs, f)).join(' → '));
  assert.deepEqual(cycles, [], `import cycles in web/js:\n${cycles.join('\n')}`);
});
