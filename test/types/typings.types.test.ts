/**
 * The framework typings catch mistakes: each checker runs on a real file of its framework, where the right code
 * must compile and each marked mistake (a misspelt attribute, a wrong attribute type, a wrong event detail) must be
 * an error. The package is resolved by its own name (package.json `exports`), so `npm run build` comes first.
 *   React 19   tsc on test/types/react/Login.tsx           (`@ts-expect-error`)
 *   Vue 3      vue-tsc on test/types/vue/Login.vue          (`@vue-expect-error`)
 *   Svelte 5   svelte-check on test/types/svelte/Login.svelte (`<!-- expect-error -->`: markup has no directive,
 *              so this test matches svelte-check's errors to the marked lines)
 *   plain TS   tsc on test/types/dom/page.ts                (`@ts-expect-error`)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const here = import.meta.dirname;
const bin = (name: string) => join(root, 'node_modules/.bin', name);

function run(command: string, args: string[], cwd = root) {
  const { status, stdout, stderr } = spawnSync(command, args, { cwd, encoding: 'utf8' });
  return { status, output: `${stdout}${stderr}` };
}

test('types/ is what custom-elements.json gives (scripts/typings.ts)', () => {
  const { status, output } = run(process.execPath, ['--import', 'tsx', 'scripts/typings.ts', '--check']);
  assert.equal(status, 0, output);
});

test('React 19: tsc accepts the README usage and reports each mistake', () => {
  const { status, output } = run(bin('tsc'), ['-p', join(here, 'react/tsconfig.json')]);
  assert.equal(status, 0, output);
});

test('Vue 3: vue-tsc accepts the README usage and reports each mistake', () => {
  const { status, output } = run(bin('vue-tsc'), ['-p', join(here, 'vue/tsconfig.json')]);
  assert.equal(status, 0, output);
});

test('Svelte 5: svelte-check accepts the README usage and reports each mistake', () => {
  const file = 'Login.svelte';
  const { output } = run(bin('svelte-check'), ['--tsconfig', './tsconfig.json', '--output', 'machine'], join(here, 'svelte'));
  // Machine output: `<time> ERROR "<file>" <line>:<column> "<message>"`.
  const errors = [...output.matchAll(/^\d+ ERROR "([^"]+)" (\d+):\d+ (.*)$/gm)].map(([, path, line, message]) => ({
    at: `${path}:${line}`,
    message,
  }));
  const marked = readFileSync(join(here, 'svelte', file), 'utf8')
    .split('\n')
    .flatMap((text, index) => (text.includes('<!-- expect-error') ? [`${file}:${index + 2}`] : []));
  assert.ok(output.includes(' COMPLETED '), `svelte-check did not complete:\n${output}`);
  assert.deepEqual(
    errors.filter(({ at }) => !marked.includes(at)),
    [],
    'errors on lines that should compile',
  );
  assert.deepEqual(
    marked.filter((at) => !errors.some((error) => error.at === at)),
    [],
    'marked mistakes that svelte-check did not report',
  );
});

test('plain TypeScript: HTMLElementTagNameMap and GlobalEventHandlersEventMap type queries, properties and listeners', () => {
  const { status, output } = run(bin('tsc'), ['-p', join(here, 'dom/tsconfig.json')]);
  assert.equal(status, 0, output);
});
