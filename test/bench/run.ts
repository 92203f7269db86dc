/**
 * `npm run bench`: what the elements cost and how fast they are, against the guides' plain SDK integration.
 *   sizes    gzip bytes up front, after a ceremony, per language, the floor (test/bench/sizes.ts)
 *   latency  click → prompt and load → autofill armed in Chromium, two latency models (test/bench/latency.ts)
 *   server   the local server's sign-in ceremonies per second, memory and disk (test/bench/server.ts)
 *   flood    the demo's login latency before and after a flood of distinct usernames (test/bench/flood.ts)
 * Writes docs/bench.svg. Not a timed test: only the size budgets fail (exit 1), and `--sizes` checks just those
 * (that is what `npm test` runs).
 */
import { writeFileSync } from 'node:fs';
import { measureSizes, reportSizes } from './sizes.js';

const sizes = await measureSizes();
const withinBudget = reportSizes(sizes);
if (!process.argv.includes('--sizes')) {
  const { benchLatency } = await import('./latency.js');
  const { benchServer, memoryTable } = await import('./server.js');
  const { chart } = await import('./chart.js');
  const trials = Number(process.env.BENCH_TRIALS ?? 7);
  console.log(`\nLatency: ${trials} trials per case, medians (a few minutes)…`);
  const latency = await benchLatency({ trials });
  const ms = (value: number | undefined) => (value === undefined ? '' : `${value.toFixed(1)} ms`);
  const ratio = (a: number | undefined, b: number | undefined) => (a && b ? `×${(a / b).toFixed(2)}` : '');
  const rows: Record<string, Record<string, string>> = {};
  for (const model of ['rtt', 'held'] as const) {
    const of = (integration: string) => latency.find((r) => r.model === model && r.integration === integration)!;
    const [plain, elements, preload] = [of('plain'), of('elements'), of('elements-preload')];
    const tag = model === 'rtt' ? '100 ms RTT' : 'held 100 ms';
    const line = (label: string, a?: number, b?: number, c?: number) =>
      (rows[`${label} (${tag})`] = { plain: ms(a), elements: ms(b), 'elements ÷ plain': ratio(b, a), 'elements + modulepreload': ms(c) });
    line('click → prompt, sign-in, first click', plain.signin?.firstMs, elements.signin?.firstMs);
    line('click → prompt, sign-in, second click', plain.signin?.secondMs, elements.signin?.secondMs);
    line('click → prompt, add, first click', plain.add?.firstMs, elements.add?.firstMs);
    line('click → prompt, add, second click', plain.add?.secondMs, elements.add?.secondMs);
    rows[`requests between click and prompt (${tag})`] = {
      plain: `${plain.signin?.requestsBetween} / ${plain.add?.requestsBetween}`,
      elements: `${elements.signin?.requestsBetween} / ${elements.add?.requestsBetween}`,
      'elements ÷ plain': '(sign-in / add)',
      'elements + modulepreload': '',
    };
    line('load → autofill armed', plain.autofillArmedMs, elements.autofillArmedMs, preload.autofillArmedMs);
  }
  rows['gzip bytes, up front'] = { plain: `${(sizes.plainSdk / 1024).toFixed(2)} KB`, elements: `${(sizes.upFront / 1024).toFixed(2)} KB`, 'elements ÷ plain': ratio(sizes.upFront, sizes.plainSdk), 'elements + modulepreload': '' };
  rows['gzip bytes, after a ceremony'] = { plain: `${(sizes.plainSdk / 1024).toFixed(2)} KB`, elements: `${(sizes.afterCeremony / 1024).toFixed(2)} KB`, 'elements ÷ plain': ratio(sizes.afterCeremony, sizes.plainSdk), 'elements + modulepreload': '' };
  console.table(rows);
  writeFileSync('docs/bench.svg', chart(latency));
  console.log('Wrote docs/bench.svg.');

  console.log('\nLocal server (about a minute and a half)…');
  const server = await benchServer();
  console.table(Object.fromEntries(server.ceremoniesPerSecond.map((r) => [`sign-in ceremonies/s, ${r.clients} client(s)`, r.perSecond.toFixed(0)])));
  console.table({ 'raw verifyAuthenticationResponse calls/s': server.rawVerifyPerSecond.toFixed(0) });
  console.log('Sustained sign-ins against a SQLite file (clock 100× fast, actions kept 10 min): memory and disk');
  console.table(memoryTable(server.memory));

  console.log('\nDemo server: a normal password sign-in, unflooded and after a flood of 100,000 distinct usernames…');
  const { benchFlood, reportFlood } = await import('./flood.js');
  reportFlood(await benchFlood());
}
process.exit(withinBudget ? 0 : 1);
