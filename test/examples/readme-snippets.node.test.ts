// The README's Node snippets are the code the examples run: each `<!-- snippet: FILE#REGION -->` marker is
// followed by a code block that must equal that region of FILE (between `// #region REGION` and
// `// #endregion REGION`, its indentation removed). The examples' journeys (journeys.examples.ts) run the file.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The lines between a file's `// #region NAME` and `// #endregion NAME`, without their common indentation. */
function region(file: string, name: string): string {
  const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
  const start = lines.findIndex((line) => line.trim() === `// #region ${name}`);
  const end = lines.findIndex((line) => line.trim() === `// #endregion ${name}`);
  assert.ok(start >= 0 && end > start, `${file} has a region "${name}"`);
  const body = lines.slice(start + 1, end);
  const indent = Math.min(...body.filter((line) => line.trim()).map((line) => line.length - line.trimStart().length));
  return body.map((line) => line.slice(indent)).join('\n').trim();
}

const snippets = [...readme.matchAll(/<!-- snippet: (\S+)#(\S+) -->\n```\w*\n([\s\S]*?)\n```/g)].map(([, file, name, code]) => ({
  file: file!,
  name: name!,
  code: code!,
}));

describe("README: Your server's part", () => {
  it('shows the Node enrollment-token route and sign-in callback', () => {
    assert.deepEqual(
      snippets.map((s) => `${s.file}#${s.name}`),
      ['examples/node-backend/passkeys.js#enrollment-token', 'examples/node-backend/passkeys.js#callback'],
    );
  });

  for (const snippet of snippets) {
    it(`shows ${snippet.file}#${snippet.name} as the examples run it`, () => {
      assert.equal(snippet.code.trim(), region(snippet.file, snippet.name));
    });
  }

  it('shows a callback that checks isValid, state, action, the user and single use', () => {
    const callback = snippets.find((s) => s.name === 'callback')?.code ?? '';
    for (const check of ['result.isValid', "result.state === 'CHALLENGE_SUCCEEDED'", 'signInActions.includes(result.action)', 'userExists(result.userId)', 'spent.has(key)']) {
      assert.ok(callback.includes(check), check);
    }
  });
});
