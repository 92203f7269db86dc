/**
 * Part of `npm run build`: after `tsc -p tsconfig.node.json` has compiled the local server to
 * dist/authsignal-local, copies the files it reads at run time: the pre-built UI's style.css and popup.js, and
 * actions.json (the demo's rules, a sample for `--actions`); every .css, .js and .json file of authsignal-local/.
 */
import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

const FROM = 'authsignal-local';
const TO = 'dist/authsignal-local';

for (const file of readdirSync(FROM, { recursive: true, encoding: 'utf8' })) {
  if (!/\.(css|js|json)$/.test(file)) continue;
  mkdirSync(dirname(join(TO, file)), { recursive: true });
  cpSync(join(FROM, file), join(TO, file));
}
