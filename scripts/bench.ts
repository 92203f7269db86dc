/**
 * `npm run bench`: what the elements cost a page, in gzip bytes, measured in one run.
 *   up front   dist/cdn/passkey-elements.js: lit + the elements (the SDK is a separate chunk, fetched on first use)
 *   whole CDN  every file of dist/cdn
 *   floor      lit + @authsignal/browser alone, bundled and minified the same way
 * The elements' own code is "whole CDN − floor"; the budget is 4 KB. Exits 1 when over budget.
 */
import { build } from 'vite';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const BUDGET = 4 * 1024;
const gzip = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
const gzipDir = (dir: string) =>
  readdirSync(dir)
    .filter((file) => file.endsWith('.js'))
    .reduce((sum, file) => sum + gzip(join(dir, file)), 0);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;

await build({ configFile: 'vite.config.ts', mode: 'cdn', logLevel: 'warn' });

// The floor: the same lit APIs the elements use and the SDK, with nothing of ours.
const work = mkdtempSync(join(process.cwd(), 'node_modules/.bench-'));
const entry = join(work, 'floor.js');
writeFileSync(
  entry,
  `export { LitElement, html, css, nothing } from 'lit';\nexport { property } from 'lit/decorators.js';\nexport { Authsignal } from '@authsignal/browser';\n`,
);
await build({
  configFile: false,
  logLevel: 'warn',
  build: {
    outDir: join(work, 'out'),
    target: 'es2022',
    rolldownOptions: { input: entry, preserveEntrySignatures: 'strict', output: { entryFileNames: 'floor.js' } },
  },
});

const upFront = gzip('dist/cdn/passkey-elements.js');
const whole = gzipDir('dist/cdn');
const floor = gzipDir(join(work, 'out'));
rmSync(work, { recursive: true, force: true });
const own = whole - floor;

console.table({
  'up front (lit + elements)': kb(upFront),
  'whole CDN bundle': kb(whole),
  'floor (lit + @authsignal/browser)': kb(floor),
  'elements’ own code (whole − floor)': kb(own),
  budget: kb(BUDGET),
});
if (own > BUDGET) {
  console.error(`Over budget by ${kb(own - BUDGET)}.`);
  process.exit(1);
}
