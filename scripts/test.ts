/**
 * `npm test`: every check and suite in one run, ending with the plain `N passed, N failed, N skipped` line CI reads.
 *   checks    the build; the size budget; lint; typecheck; custom-elements.json is what the analyzer writes today
 *   types     the framework typings in React (tsc), Vue (vue-tsc), Svelte (svelte-check) and plain TypeScript; the
 *             packed tarball: its file list, its types in a fresh app under each moduleResolution (test/types/*.types.test.ts)
 *   node      node:test suites (test/**\/*.node.test.ts): the local Authsignal server, the demo server
 *   browser   @web/test-runner in Chromium with a virtual authenticator (test/**\/*.test.ts)
 *   e2e       Playwright against `npm start`'s servers (test/e2e/*.e2e.test.ts)
 *   examples  the example apps, installed from `npm pack` in temp folders, driven in Chromium (test/examples/)
 *   package   the packed tarball in a fresh app: the local server from the package, the README's Playwright
 *             example with the /testing helpers (test/package/*.package.test.ts; installs from the registry)
 * Chromium is found or installed first (scripts/chromium.ts).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium } from './chromium.ts';

interface Count {
  passed: number;
  failed: number;
  skipped: number;
}
const total: Count = { passed: 0, failed: 0, skipped: 0 };
const lines: string[] = [];

/** Runs a command with its output shown, and returns that output. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const tee = (stream: NodeJS.WritableStream) => (chunk: Buffer) => {
      output += chunk;
      stream.write(chunk);
    };
    child.stdout.on('data', tee(process.stdout));
    child.stderr.on('data', tee(process.stderr));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

function record(suite: string, count: Count) {
  total.passed += count.passed;
  total.failed += count.failed;
  total.skipped += count.skipped;
  lines.push(`${suite}: ${count.passed} passed, ${count.failed} failed, ${count.skipped} skipped`);
}

const check = (suite: string, ok: boolean) => record(suite, { passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 });

/** Reads node:test's closing lines (`ℹ pass N`, `ℹ fail N`, `ℹ skipped N`). */
function nodeCount(output: string, code: number): Count {
  const read = (name: string) => Number(output.match(new RegExp(`^ℹ ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
  const count = { passed: read('pass'), failed: read('fail') + read('cancelled'), skipped: read('skipped') + read('todo') };
  if (code !== 0 && count.failed === 0) count.failed = 1; // crashed before reporting
  return count;
}

function filesUnder(dir: string, suffix: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith(suffix))
    .map((file) => join(dir, file))
    .sort();
}

let chrome: string;
try {
  chrome = ensureChromium();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const tsx = ['--import', 'tsx'];

console.log('\n── build (library, CDN bundle)');
check('build', (await run('npm', ['run', '--silent', 'build'])).code === 0);

console.log('\n── size budget (npm run bench)');
check('size budget', (await run('npx', ['tsx', 'test/bench/run.ts', '--sizes'])).code === 0);

console.log('\n── lint');
check('lint', (await run('npx', ['eslint', '.'])).code === 0);

console.log('\n── typecheck');
check('typecheck', (await run('npx', ['tsc', '--noEmit', '-p', '.'])).code === 0);

console.log('\n── custom-elements.json is up to date');
// The analyzer resolves --outdir against the working directory, even an absolute one.
const fresh = mkdtempSync('node_modules/.cem-check-');
await run('npx', ['cem', 'analyze', '--outdir', fresh]);
// An analyzer that wrote nothing counts as stale, not as a crash that would lose the closing line.
const generated = join(fresh, 'custom-elements.json');
const written = existsSync(generated) ? readFileSync(generated, 'utf8') : undefined;
const committed = readFileSync('custom-elements.json', 'utf8');
const stale = written !== committed;
if (stale) {
  // Say where they part, so a stale manifest in CI can be understood without a rerun.
  const [a, b] = [(written ?? '').split('\n'), committed.split('\n')];
  const found = a.findIndex((text, i) => text !== b[i]);
  const line = found < 0 ? a.length : found;
  console.error(written === undefined ? 'The analyzer wrote no manifest.' : `First difference at line ${line + 1}:\n  analyzer:  ${a[line]}\n  committed: ${b[line]}`);
}
rmSync(fresh, { recursive: true, force: true });
if (stale) console.error('custom-elements.json is stale: run `npm run manifest` and commit it.');
check('manifest', !stale);

const typeTests = filesUnder('test/types', '.types.test.ts');
if (typeTests.length) {
  console.log('\n── types (framework typings, the packed package)');
  const { code, output } = await run('node', [...tsx, '--test', '--test-reporter=spec', '--test-concurrency=1', ...typeTests]);
  record('types', nodeCount(output, code));
}

const nodeTests = filesUnder('test', '.node.test.ts');
if (nodeTests.length) {
  console.log('\n── node tests');
  const { code, output } = await run('node', [...tsx, '--test', '--test-reporter=spec', '--test-concurrency=1', ...nodeTests]);
  record('node', nodeCount(output, code));
}

console.log('\n── browser tests');
{
  const { code, output } = await run('node', [...tsx, 'node_modules/@web/test-runner/dist/bin.js', '--config', 'web-test-runner.config.mjs'], {
    CHROME_PATH: chrome,
  });
  const match = output.match(/^(\d+) passed, (\d+) failed, (\d+) skipped$/m);
  const count = match ? { passed: +match[1]!, failed: +match[2]!, skipped: +match[3]! } : { passed: 0, failed: 1, skipped: 0 };
  if (code !== 0 && count.failed === 0) count.failed = 1;
  record('browser', count);
}

const e2eTests = filesUnder('test/e2e', '.e2e.test.ts');
if (e2eTests.length) {
  console.log('\n── end-to-end tests');
  const { code, output } = await run('node', [...tsx, '--test', '--test-reporter=spec', '--test-concurrency=1', ...e2eTests], { CHROME_PATH: chrome });
  record('e2e', nodeCount(output, code));
}

const packageTests = filesUnder('test/package', '.package.test.ts');
if (packageTests.length) {
  console.log('\n── the packed package in a fresh app');
  const started = performance.now();
  const { code, output } = await run('node', [...tsx, '--test', '--test-reporter=spec', '--test-concurrency=1', ...packageTests], { CHROME_PATH: chrome });
  record('package', nodeCount(output, code));
  console.log(`(${((performance.now() - started) / 1000).toFixed(0)} s)`);
}

// The example apps (examples/), each installed from the packed package in a temp folder, built and driven
// through the journey in Chromium (test/examples/journeys.examples.ts); their install needs the npm registry.
console.log('\n── example apps');
{
  const { code, output } = await run('node', [...tsx, '--test', '--test-reporter=spec', '--test-concurrency=1', 'test/examples/journeys.examples.ts'], {
    CHROME_PATH: chrome,
  });
  record('examples', nodeCount(output, code));
}

console.log(`\n${lines.join('\n')}`);
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed ? 1 : 0);
