// The package as an integrator gets it: `npm pack`, a fresh app in a temp folder that installs the tarball
// from the registry's point of view (with @playwright/test), then
//   - the elements load in Node without anything of the local server;
//   - `npx authsignal-local --help` works; without its optional peer @libsql/client the server says what to
//     install; with it, the command and the `/authsignal-local` module start the server;
//   - the README's "Testing your app" example (playwright.config.ts and tests/passkeys.spec.ts, as written, on
//     free ports and the system Chromium) passes against a tiny page that loads the elements from the package's
//     CDN folder, type-checked first against the package's declarations (nodenext, skipLibCheck off).
// Needs the network for the registry (CI has it) and `npm run build` (npm test builds first).
import assert from 'node:assert/strict';
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/chromium.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { peerDependencies: Record<string, string> };
const version = (name: string) => (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

/** Runs a command in the app, its output kept for the failure message; logs how long it took. */
function run(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> & { text: string } {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 300_000 });
  console.log(`# ${command} ${args.join(' ')}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { ...result, text: `${result.stdout}\n${result.stderr}` };
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer().once('error', reject);
    probe.listen(0, 'localhost', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/** The README's code block that starts with `start` (`// <file name>` for the example's files). */
function readmeBlock(start: string): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!).find((code) => code.startsWith(start));
  assert.ok(block, `README.md has a \`\`\`ts block starting with ${start}`);
  return block;
}

/** Replaces every `from` in `text`, failing when there is none (the README changed under the test). */
function substitute(text: string, from: string, to: string): string {
  assert.ok(text.includes(from), `expected ${JSON.stringify(from)} in the README's example`);
  return text.replaceAll(from, to);
}

// A server with no client JavaScript of its own: /login and the package's CDN folder.
const APP_SERVER = `import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
const port = Number(process.argv[2]);
const cdn = new URL('./node_modules/authsignal-passkey-elements/dist/cdn/', import.meta.url);
createServer(async (request, response) => {
  const path = new URL(request.url, 'http://localhost').pathname;
  try {
    if (path === '/') {
      response.writeHead(302, { Location: '/login' }).end();
    } else if (path === '/login') {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(await readFile('login.html'));
    } else if (/^\\/elements\\/[\\w.-]+\\.js$/.test(path)) {
      response.writeHead(200, { 'Content-Type': 'text/javascript' }).end(await readFile(new URL(path.slice(10), cdn)));
    } else {
      response.writeHead(404).end();
    }
  } catch {
    response.writeHead(404).end();
  }
}).listen(port, 'localhost');
`;

const LOGIN_PAGE = (apiUrl: string) => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Sign in</title>
  <meta name="authsignal-tenant-id" content="local-tenant">
  <meta name="authsignal-base-url" content="${apiUrl}">
  <script type="module" src="/elements/passkey-elements.js"></script>
</head>
<body>
  <form method="post" action="/login">
    <label for="username">Username</label>
    <passkey-autofill-input><input id="username" name="username" autocomplete="username webauthn"></passkey-autofill-input>
    <button>Sign in</button>
  </form>
  <passkey-signin-button></passkey-signin-button>
</body>
</html>
`;

// Logs each module Node resolves, to show what importing the elements loads.
const TRACE_HOOKS = `export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  process.stderr.write('resolved ' + result.url + '\\n');
  return result;
}
`;

describe('the packed package in a fresh app', { timeout: 600_000 }, () => {
  let dir: string;
  let app: string;
  let chrome: string;

  before(() => {
    chrome = ensureChromium();
    if (!existsSync(join(ROOT, 'dist/authsignal-local/index.js')) || !existsSync(join(ROOT, 'dist/cdn/passkey-elements.js'))) {
      assert.equal(run(ROOT, 'npm', ['run', 'build']).status, 0, 'npm run build failed');
    }
    dir = mkdtempSync(join(tmpdir(), 'fresh-app-'));
    const packed = run(ROOT, 'npm', ['pack', '--silent', '--pack-destination', dir]);
    assert.equal(packed.status, 0, packed.text);
    const tarball = join(dir, packed.stdout.trim().split('\n').pop()!);
    app = join(dir, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'fresh-app', private: true, type: 'module' }, null, 2));
    const installed = run(app, 'npm', ['install', '--no-audit', '--no-fund', tarball, `@playwright/test@${version('playwright-core')}`, `typescript@${version('typescript')}`, `@types/node@${version('@types/node')}`]);
    assert.equal(installed.status, 0, installed.text);
  });

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loads the elements in Node without any module of the local server', () => {
    writeFileSync(join(app, 'trace-hooks.mjs'), TRACE_HOOKS);
    writeFileSync(join(app, 'trace.mjs'), "import { register } from 'node:module';\nregister('./trace-hooks.mjs', import.meta.url);\n");
    const result = run(app, process.execPath, ['--import', './trace.mjs', '--input-type=module', '-e', "await import('authsignal-passkey-elements');"]);
    assert.equal(result.status, 0, result.text);
    const resolved = result.stderr.split('\n').filter((line) => line.startsWith('resolved '));
    assert.ok(resolved.some((line) => line.includes('/authsignal-passkey-elements/dist/index.js')), result.stderr);
    assert.deepEqual(resolved.filter((line) => /authsignal-local|testing|hono|libsql|simplewebauthn/.test(line)), []);
  });

  it('runs `npx authsignal-local --help`', () => {
    const result = run(app, 'npx', ['--no-install', 'authsignal-local', '--help']);
    assert.equal(result.status, 0, result.text);
    assert.match(result.stdout, /^Usage: authsignal-local \[options\]/);
    assert.match(result.stdout, /--origin <url>/);
  });

  it('says what to install when the optional peer @libsql/client is missing, then starts with it', async () => {
    const missing = run(app, 'npx', ['--no-install', 'authsignal-local', '--port', '0', '--data', ':memory:']);
    assert.equal(missing.status, 1, missing.text);
    assert.equal(missing.stderr.trim(), 'authsignal-local: authsignal-local keeps its data with @libsql/client, which the elements do not install: run `npm install --save-dev @libsql/client`.');

    const peer = run(app, 'npm', ['install', '--no-audit', '--no-fund', '--save-dev', `@libsql/client@${pkg.peerDependencies['@libsql/client']}`]);
    assert.equal(peer.status, 0, peer.text);
    const script = `import { startAuthsignalLocal, describeAuthsignalLocal } from 'authsignal-passkey-elements/authsignal-local';
const local = await startAuthsignalLocal({ port: 0, data: ':memory:', log: false });
const response = await fetch(local.url + '/users/u1/actions/add-passkey', { method: 'POST', headers: { Authorization: 'Basic ' + btoa('local-secret:'), 'Content-Type': 'application/json' }, body: '{}' });
console.log(describeAuthsignalLocal(local).split('\\n')[0], response.status, typeof (await response.json()).token);
await local.stop();`;
    const started = run(app, process.execPath, ['--input-type=module', '-e', script]);
    assert.equal(started.status, 0, started.text);
    assert.match(started.stdout, /^authsignal-local listening on http:\/\/localhost:\d+\/v1 200 string$/m);
  });

  it("passes the README's Playwright example, type-checked, against a page served from the package", async () => {
    const [appPort, apiPort] = [await freePort(), await freePort()];
    let config = readmeBlock('// playwright.config.ts\n');
    config = substitute(config, 'http://localhost:3000', `http://localhost:${appPort}`);
    config = substitute(config, '5050', String(apiPort));
    // The system Chromium: browser downloads do not work here (README: "On machines without Playwright's browsers").
    config = substitute(config, "browserName: 'chromium' }", `browserName: 'chromium', launchOptions: { executablePath: ${JSON.stringify(chrome)}, args: ${JSON.stringify(CHROMIUM_ARGS)} } }`);
    const spec = substitute(readmeBlock('// tests/passkeys.spec.ts\n'), 'http://localhost:5050/v1', `http://localhost:${apiPort}/v1`);
    mkdirSync(join(app, 'tests'), { recursive: true });
    writeFileSync(join(app, 'playwright.config.ts'), config);
    writeFileSync(join(app, 'tests/passkeys.spec.ts'), spec);
    writeFileSync(join(app, 'server.mjs'), APP_SERVER);
    writeFileSync(join(app, 'login.html'), LOGIN_PAGE(`http://localhost:${apiPort}/v1`));
    const manifest = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(app, 'package.json'), JSON.stringify({ ...manifest, scripts: { start: `node server.mjs ${appPort}` } }, null, 2));
    // The README's "In your app" start-up, type-checked with the rest.
    writeFileSync(join(app, 'local-server.ts'), readmeBlock("import { startAuthsignalLocal } from 'authsignal-passkey-elements/authsignal-local';"));
    // Strict, nodenext, and the libraries' declarations checked too: the package's types stand alone.
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', lib: ['esnext', 'dom'], strict: true, skipLibCheck: false, noEmit: true, types: ['node'] },
        include: ['playwright.config.ts', 'tests', 'local-server.ts'],
      }),
    );
    const typecheck = run(app, 'npx', ['--no-install', 'tsc', '-p', '.']);
    assert.equal(typecheck.status, 0, typecheck.text);

    const result = run(app, 'npx', ['--no-install', 'playwright', 'test', '--reporter=line'], { CI: '1' });
    assert.equal(result.status, 0, result.text);
    assert.match(result.stdout, /1 passed/);
  });
});
