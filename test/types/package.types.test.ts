/**
 * The package as integrators get it (`npm pack` of the built package, installed in a fresh temp folder):
 *   - the tarball holds only what integrators use (an allow-list of paths);
 *   - its public types compile in an app under moduleResolution bundler, node16 and nodenext, each with and
 *     without skipLibCheck;
 *   - the type-only subpaths (`/react`, `/vue`, `/svelte`) have a JavaScript entry: a side-effect import builds in
 *     Vite and loads in Node.
 * Needs `npm run build` first (npm test builds before this suite); installs from the npm registry (or its cache).
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const { devDependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>;
};

/**
 * Every path the tarball may hold: the library's modules and declarations, the CDN folder, the framework
 * typings, the local server and the test helpers (compiled), the manifest and the docs. Anything else (the
 * playground, source maps, tests, sources) is a surprise that fails the test.
 */
const ALLOWED = [
  /^package\.json$/,
  /^(README|CHANGELOG)\.md$/,
  /^LICENSE$/,
  /^custom-elements\.json$/,
  /^dist\/(index|events)\.(js|d\.ts)$/,
  /^dist\/(passkey-autofill-input|passkey-signin-button|add-passkey-button)\/[\w-]+\.(js|d\.ts)$/,
  /^dist\/(internal|locales)\/[\w.-]+\.(js|d\.ts)$/,
  /^dist\/_virtual\/[\w@./-]+\.js$/, // the bundler's decorator helper, imported by the elements' modules
  /^dist\/cdn\/(passkey-elements|passkey-ceremonies|locale-[a-z]{2}-[\w-]+)\.js$/,
  /^types\/(elements|react|vue|svelte)\.d\.ts$/,
  /^types\/(react|vue|svelte)\.js$/,
  /^dist\/authsignal-local\/[\w/.-]+\.(js|d\.ts|json|css)$/, // the local server, compiled (see its README section)
  /^dist\/testing\/[\w/.-]+\.(js|d\.ts)$/, // the /testing helpers, compiled
];

/** The oldest TypeScript the package's types are checked with (README: Package). */
const OLDEST_TYPESCRIPT = '~5.0';

/** What integrators rely on: if one of these is missing the package is broken, whatever the allow-list says. */
const REQUIRED = [
  'dist/index.js',
  'dist/index.d.ts',
  'dist/cdn/passkey-elements.js',
  'dist/cdn/passkey-ceremonies.js',
  'custom-elements.json',
  ...['react', 'vue', 'svelte'].flatMap((framework) => [`types/${framework}.d.ts`, `types/${framework}.js`]),
];

interface PackEntry {
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string; size: number }[];
}

const npm = (args: string[], cwd: string) =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });

let app: string;
let packed: PackEntry;

before(() => {
  app = mkdtempSync(join(tmpdir(), 'passkey-elements-types-'));
  [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', app], root)) as PackEntry[];
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'types-app', private: true, type: 'module' }));
  // The same versions the repository develops with; vue and svelte for their typings' imports.
  const dependencies = ['typescript', '@types/react', 'vue', 'svelte', 'vite'].map((name) => `${name}@${devDependencies[name]}`);
  dependencies.push(`typescript-oldest@npm:typescript@${OLDEST_TYPESCRIPT}`);
  npm(['install', '--no-audit', '--no-fund', '--prefer-offline', join(app, packed!.filename), ...dependencies], app);
  for (const file of readdirSync(join(import.meta.dirname, 'consumer'))) {
    cpSync(join(import.meta.dirname, 'consumer', file), join(app, file));
  }
});

after(() => rmSync(app, { recursive: true, force: true }));

test('the tarball holds only what integrators use', () => {
  const paths = packed.files.map((file) => file.path);
  const surprises = paths.filter((path) => !ALLOWED.some((pattern) => pattern.test(path)));
  assert.deepEqual(surprises, [], `unexpected paths in the tarball (add to ALLOWED only what integrators use)`);
  const missing = REQUIRED.filter((path) => !paths.includes(path));
  assert.deepEqual(missing, [], 'paths integrators rely on are missing');
  console.log(`tarball: ${paths.length} files, ${packed.size} bytes packed, ${packed.unpackedSize} unpacked`);
});

const settings = ['bundler', 'node16', 'nodenext'].flatMap((resolution) =>
  [true, false].map((skipLibCheck) => ({ resolution, skipLibCheck })),
);

/** Compiles `files` in the app with tsc under one setting; fails with tsc's output. */
async function compile(files: string[], resolution: string, skipLibCheck: boolean, typescript = 'typescript') {
  const tsconfig = `tsconfig.${typescript}.${files.length}.${resolution}.${skipLibCheck}.json`;
  const compilerOptions = {
    target: 'ES2022',
    module: resolution === 'bundler' ? 'ESNext' : resolution,
    moduleResolution: resolution,
    lib: ['ES2023', 'DOM', 'DOM.Iterable'],
    jsx: 'react-jsx',
    strict: true,
    noEmit: true,
    skipLibCheck,
    // TypeScript's own lib.dom.d.ts is not in question, and checking it takes most of the time.
    skipDefaultLibCheck: true,
    types: [],
  };
  writeFileSync(join(app, tsconfig), JSON.stringify({ compilerOptions, files }));
  try {
    await promisify(execFile)(process.execPath, [join(app, 'node_modules', typescript, 'bin/tsc'), '-p', tsconfig], { cwd: app });
  } catch (error) {
    const { stdout, stderr } = error as { stdout: string; stderr: string };
    assert.fail(`tsc -p ${tsconfig} failed:\n${stdout}${stderr}`);
  }
}

// Two compilers at a time: tsc uses one core, CI has two.
describe('the public types compile in an app', { concurrency: 2 }, () => {
  for (const { resolution, skipLibCheck } of settings) {
    test(`moduleResolution ${resolution}, skipLibCheck ${skipLibCheck}`, () =>
      compile(['index.ts', 'react.tsx'], resolution, skipLibCheck));
  }
  // Once, in the strictest setting: Vue's and Svelte's own declarations take long to check.
  test('the Vue and Svelte typings: moduleResolution nodenext, skipLibCheck false', () =>
    compile(['frameworks.ts'], 'nodenext', false));
  // No lib.dom type newer than TypeScript 5.0 in our declarations (WebAuthn's *JSON types came in 5.7).
  test(`TypeScript ${OLDEST_TYPESCRIPT}: moduleResolution nodenext, skipLibCheck false`, () =>
    compile(['index.ts'], 'nodenext', false, 'typescript-oldest'));
});

test('the type-only subpaths have a JavaScript entry: a side-effect import builds in Vite and loads in Node', () => {
  const site = join(app, 'site');
  mkdirSync(site, { recursive: true });
  const imports = ['react', 'vue', 'svelte'].map((framework) => `import 'authsignal-passkey-elements/${framework}';`);
  writeFileSync(join(site, 'main.js'), `${imports.join('\n')}\nimport 'authsignal-passkey-elements';\n`);
  writeFileSync(join(site, 'index.html'), '<!doctype html><script type="module" src="./main.js"></script>\n');
  const vite = spawnSync(process.execPath, [join(app, 'node_modules/vite/bin/vite.js'), 'build', site, '--logLevel', 'error'], {
    cwd: app,
    encoding: 'utf8',
  });
  assert.equal(vite.status, 0, `vite build failed:\n${vite.stdout}${vite.stderr}`);
  const node = spawnSync(process.execPath, ['--input-type=module', '-e', imports.join('\n')], { cwd: app, encoding: 'utf8' });
  assert.equal(node.status, 0, `node could not import the subpaths:\n${node.stderr}`);
});
