// The production bundle (dist/, `npm run build`) must not ship the in-browser mock backend:
// no file of dist/ may contain the mock's marker, `__mostradorMock` (the window handle that
// src/mock/control.ts installs). The check cannot pass vacuously: the marker must be in the
// mock's source and, when the mock build (dist-mock/, `npm run build:mock`) exists, in it.
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const MARKER = '__mostradorMock';
const ui = resolve(import.meta.dirname, '..');

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

function holding(dir) {
  return files(dir).filter((f) => readFileSync(f, 'latin1').includes(MARKER));
}

function fail(message) {
  console.error(`check-bundle: ${message}`);
  process.exit(1);
}

if (holding(join(ui, 'src', 'mock')).length === 0) fail(`the marker ${MARKER} is gone from src/mock: pick a new one here`);
const dist = join(ui, 'dist');
if (!existsSync(join(dist, 'index.html'))) fail('dist/ is missing: run `npm run build` first');
const leaks = holding(dist);
if (leaks.length > 0) {
  fail(`the production bundle ships the mock backend (${MARKER} in ${leaks.map((f) => relative(ui, f)).join(', ')})`);
}
const mock = join(ui, 'dist-mock');
if (existsSync(join(mock, 'index.html')) && holding(mock).length === 0) {
  fail(`the mock build lacks ${MARKER}: the marker no longer finds the mock, so dist/ proves nothing`);
}
console.log(`check-bundle: dist/ (${files(dist).length} files) carries no mock backend`);
