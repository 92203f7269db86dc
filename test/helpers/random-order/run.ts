/**
 * Order-independence check for the node:test suites (Node 20 has no --test-randomize):
 *   node --import tsx test/helpers/random-order/run.ts [--seeds N] [--each] [files…]
 * 1. each file alone;  2. each file N times (default 5) with its tests in a seeded random order
 * (register.mjs);  3. with --each, every test alone (--test-name-pattern). Prints one line per run and
 * the seed or test of every failure; exits 1 when any run failed.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { seeds: { type: 'string', default: '5' }, each: { type: 'boolean', default: false } },
});
const files = positionals.length
  ? positionals
  : readdirSync('test', { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.node.test.ts'))
      .map((file) => join('test', file))
      .sort();
const register = './test/helpers/random-order/register.mjs';
let failures = 0;

function node(args: string[], env: Record<string, string> = {}) {
  const run = spawnSync('node', ['--import', 'tsx', ...args], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 << 20 });
  const count = (name: string) => Number(run.stdout.match(new RegExp(`^ℹ ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
  const pass = count('pass');
  const fail = count('fail') + count('cancelled');
  const ok = run.status === 0 && fail === 0 && pass > 0;
  if (!ok) failures++;
  const failed = [...run.stdout.matchAll(/^\s*✖ (.+) \(\d/gm)].map((m) => m[1]);
  return { ok, pass, fail, failed: [...new Set(failed)], output: run.stdout + run.stderr };
}

const show = (label: string, r: ReturnType<typeof node>) =>
  console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${label}: ${r.pass} passed, ${r.fail} failed${r.failed.length ? ` — ${r.failed.join(' | ')}` : ''}`);

for (const file of files) {
  show(`${file} alone`, node(['--test', '--test-reporter=spec', file]));
  for (let i = 0; i < Number(values.seeds); i++) {
    const seed = String(Math.floor(Math.random() * 2 ** 31));
    show(`${file} shuffled, TEST_SEED=${seed}`, node(['--import', register, '--test', '--test-reporter=spec', file], { TEST_SEED: seed }));
  }
  if (values.each) {
    const list = spawnSync('node', ['--import', 'tsx', '--test', '--test-reporter=./test/helpers/random-order/list-reporter.mjs', file], { encoding: 'utf8' });
    const names = [...new Set(list.stdout.trim().split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { name: string }).name))];
    let alone = 0;
    for (const name of names) {
      const pattern = `^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`;
      const r = node(['--test', '--test-reporter=spec', `--test-name-pattern=${pattern}`, file]);
      if (r.ok) alone++;
      else show(`${relative('.', file)} › "${name}" alone`, r);
    }
    console.log(`${alone === names.length ? 'ok  ' : 'FAIL'} ${file}: ${alone} of ${names.length} tests pass alone`);
  }
}
console.log(failures ? `${failures} run(s) failed` : 'every run passed');
process.exit(failures ? 1 : 0);
