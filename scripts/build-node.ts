/**
 * Part of `npm run build`: the package's Node modules, after `tsc -p tsconfig.node.json` has written their
 * declarations.
 *   dist/authsignal-local/index.js  the local server (authsignal-local/package-entry.ts) in one ES module, its
 *                                   libraries bundled in (hono, @simplewebauthn/server, valibot, jose, otpauth,
 *                                   uqr): an app that installs the elements gets no extra package and no
 *                                   version conflict with its own copies. @libsql/client stays outside (a
 *                                   native binary per platform): an optional peer, installed by who runs the server.
 *   dist/authsignal-local/cli.js    the `authsignal-local` bin, importing ./index.js
 *   dist/authsignal-local/*.css|js|json  what the server reads at run time, beside the module that reads them
 *   dist/testing/index.js           the /testing helpers (their imports stay imports)
 * None of it is reachable from the elements' entries: the browser bundles do not change by a byte.
 */
import { cpSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  // CommonJS inside the bundle (some of the libraries' dependencies) calls require() for Node's built-ins.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
} as const;

await build({
  ...common,
  entryPoints: { index: 'authsignal-local/package-entry.ts' },
  outdir: 'dist/authsignal-local',
  external: ['@libsql/client'],
});
await build({
  ...common,
  entryPoints: { cli: 'authsignal-local/cli.ts' },
  outdir: 'dist/authsignal-local',
  // The CLI uses the module above rather than a second copy of the server.
  plugins: [
    {
      name: 'cli-imports-index',
      setup(b) {
        b.onResolve({ filter: /^\.\/index\.js$/ }, () => ({ path: './index.js', external: true }));
      },
    },
  ],
});
await build({ ...common, banner: {}, entryPoints: { index: 'testing/index.ts' }, outdir: 'dist/testing', packages: 'external' });

// The pre-built UI's style.css and popup.js are read relative to the module (import.meta.url): in the bundle,
// that is dist/authsignal-local/index.js.
for (const file of readdirSync('authsignal-local', { recursive: true, encoding: 'utf8' })) {
  if (/\.(css|js|json)$/.test(file)) cpSync(join('authsignal-local', file), join('dist/authsignal-local', basename(file)));
}
