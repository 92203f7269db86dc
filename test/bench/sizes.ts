/**
 * What the elements cost a page, in gzip bytes:
 *   up front          dist/cdn/passkey-elements.js: lit + the elements' shells, all a page needs by its load event
 *   after a ceremony  up front + passkey-ceremonies.js (the ceremonies and the SDK, fetched after the load event or
 *                     by an autofill input), for a page in English; other languages add their own small chunk
 *   floor             lit + @authsignal/browser alone, bundled and minified the same way
 *   plain SDK         the SDK's own index.min.js, which the guides' plain integration loads
 * The elements' own code is "after a ceremony − floor".
 */
import { build } from 'vite';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Budgets (gzip). Raised from 4 KB / 9.45 KB by the second wave's recovery, timeouts, anti-forgery tokens, states,
// accessibility, languages and prefetched ceremonies, then by passkey autofill run without the SDK (about 0.9 KB up
// front: the early options request, the conditional request and the guard of navigator.credentials; the price of
// arming before the SDK has even arrived), then by the Signal API, the add button's device check and automatic
// passkey upgrade (about 1 KB in the ceremonies' chunk; 0.24 KB up front for `auto-upgrade`, the `registered`
// state and their hooks, measured 12.58 → 12.82 KB), then by six fixes for real pages found in review (options
// fetched ahead kept only for the element as it is and while it is on the page, autofill waiting for a ceremony
// that started while its options were on their way, nothing left open for the next page, `registered` for every
// button of a token, autofill armed by a late configuration: 12.83 → 13.15 KB up front, 9.86 → 10.19 KB own).
// Languages other than English are not counted: they load only on pages in them.
export const BUDGET = { own: 10.2 * 1024, upFront: 13.15 * 1024 };

export interface Sizes {
  upFront: number;
  afterCeremony: number;
  locales: Record<string, number>;
  floor: number;
  own: number;
  plainSdk: number;
}

const gzip = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

export async function measureSizes(): Promise<Sizes> {
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
  const floor = readdirSync(join(work, 'out'))
    .filter((file) => file.endsWith('.js'))
    .reduce((sum, file) => sum + gzip(join(work, 'out', file)), 0);
  rmSync(work, { recursive: true, force: true });

  const files = readdirSync('dist/cdn').filter((file) => file.endsWith('.js'));
  const sdkChunk = files.find((file) => file === 'passkey-ceremonies.js')!;
  const upFront = gzip('dist/cdn/passkey-elements.js');
  const afterCeremony = upFront + gzip(join('dist/cdn', sdkChunk));
  const locales = Object.fromEntries(
    files.filter((file) => file.startsWith('locale-')).map((file) => [file.split('-')[1]!, gzip(join('dist/cdn', file))]),
  );
  const plainSdk = gzip('node_modules/@authsignal/browser/dist/index.min.js');
  return { upFront, afterCeremony, locales, floor, own: afterCeremony - floor, plainSdk };
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;

/** Prints the sizes; returns false when a budget is exceeded. */
export function reportSizes(sizes: Sizes): boolean {
  console.table({
    'up front (lit + elements)': kb(sizes.upFront),
    'after a ceremony, English page (+ ceremonies and SDK)': kb(sizes.afterCeremony),
    ...Object.fromEntries(Object.entries(sizes.locales).map(([lang, bytes]) => [`  + ${lang} strings`, kb(bytes)])),
    'floor (lit + @authsignal/browser)': kb(sizes.floor),
    'elements’ own code (after a ceremony − floor)': kb(sizes.own),
    'plain SDK integration (index.min.js)': kb(sizes.plainSdk),
    'budget, own code': kb(BUDGET.own),
    'budget, up front': kb(BUDGET.upFront),
  });
  const over = sizes.own > BUDGET.own || sizes.upFront > BUDGET.upFront;
  if (over) console.error(`Over budget: own code by ${kb(sizes.own - BUDGET.own)}, up front by ${kb(sizes.upFront - BUDGET.upFront)}.`);
  return !over;
}
