/** The benchmark's comparison as a small SVG bar chart (docs/bench.svg, shown in the README). */
import type { LatencyResult, Model } from './latency.js';

const COLORS = { plain: '#94a3b8', elements: '#1d4ed8' } as const;
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export function chart(results: LatencyResult[]): string {
  const rows: { label: string; plain: number; elements: number }[] = [];
  const models: Record<Model, string> = { rtt: '100 ms RTT', held: 'held 100 ms' };
  for (const model of ['rtt', 'held'] as Model[]) {
    const plain = results.find((r) => r.model === model && r.integration === 'plain')!;
    const elements = results.find((r) => r.model === model && r.integration === 'elements')!;
    rows.push(
      { label: `click → prompt, sign-in (${models[model]})`, plain: plain.signin!.firstMs, elements: elements.signin!.firstMs },
      { label: `click → prompt, add passkey (${models[model]})`, plain: plain.add!.firstMs, elements: elements.add!.firstMs },
      { label: `load → autofill armed (${models[model]})`, plain: plain.autofillArmedMs, elements: elements.autofillArmedMs },
    );
  }
  const max = Math.max(...rows.flatMap((r) => [r.plain, r.elements]));
  const left = 290;
  const width = 740;
  const scale = (ms: number) => Math.max(1, ((width - left - 70) * ms) / max);
  const rowHeight = 44;
  const top = 40;
  const height = top + rows.length * rowHeight + 10;
  const bars = rows
    .map((row, i) => {
      const y = top + i * rowHeight;
      const bar = (kind: 'plain' | 'elements', ms: number, dy: number) =>
        `<rect x="${left}" y="${y + dy}" width="${scale(ms).toFixed(1)}" height="14" fill="${COLORS[kind]}"/>` +
        `<text x="${(left + scale(ms) + 6).toFixed(1)}" y="${y + dy + 11}">${Math.round(ms)} ms</text>`;
      return `<text x="${left - 10}" y="${y + 20}" text-anchor="end">${escape(row.label)}</text>${bar('plain', row.plain, 4)}${bar('elements', row.elements, 20)}`;
    })
    .join('\n  ');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12" fill="#1f2937" role="img" aria-labelledby="t">
  <title id="t">Passkey elements against the plain Authsignal SDK integration: medians in Chromium, lower is better</title>
  <rect width="100%" height="100%" fill="#fff"/>
  <rect x="${left}" y="10" width="12" height="12" fill="${COLORS.plain}"/><text x="${left + 18}" y="20">plain SDK (the guides)</text>
  <rect x="${left + 170}" y="10" width="12" height="12" fill="${COLORS.elements}"/><text x="${left + 188}" y="20">passkey elements</text>
  ${bars}
</svg>
`;
}
