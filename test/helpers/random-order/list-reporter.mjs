// node:test reporter for run.ts: one JSON line per test that ran (not per suite): file, name, outcome.
export default async function* listReporter(source) {
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    if (event.data.details?.type === 'suite' || event.data.nesting === undefined) continue;
    if (event.data.file === undefined) continue;
    yield `${JSON.stringify({ file: event.data.file, name: event.data.name, nesting: event.data.nesting, ok: event.type === 'test:pass' })}\n`;
  }
}
