// `npm start`: the demo on http://localhost:5001 (PORT overrides) with a local Authsignal server on
// http://localhost:5050/v1 whose allowed origin follows the demo's. With AUTHSIGNAL_SECRET,
// AUTHSIGNAL_TENANT_ID and AUTHSIGNAL_URL all set, it uses that tenant instead and starts no local
// server (add http://localhost:<port> to the tenant's allowed origins). AUTHSIGNAL_CLIENT_URL sets the
// browser's API URL if it ever differs from AUTHSIGNAL_URL (both SDKs default to
// https://api.authsignal.com/v1 today). AUTHSIGNAL_SIGN_IN_ACTIONS (comma-separated) lists the action codes
// whose tokens may sign in, default `signInWithPasskey`. AUTHSIGNAL_PREBUILT_URL: where the tenant's pre-built UI
// lives, when not on AUTHSIGNAL_URL's origin (the CSP's form-action allows it). Data lives in .data/
// (DEMO_DATA overrides): demo.db and demo-authsignal-local.db.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { stopOnSignals } from '../../authsignal-local/server-kit/index.js';
import { type DemoOptions, startDemo } from './start.js';

function fail(message: string): never {
  process.stderr.write(`demo: ${message}\n`);
  process.exit(2);
}

function readPort(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value) || Number(value) > 65535) fail(`${name} must be a port number 0-65535, got "${value}"`);
  return Number(value);
}

const env = process.env;
const options: DemoOptions = {
  port: readPort(env['PORT'], 5001, 'PORT'),
  dataDir: env['DEMO_DATA'] || '.data',
};
const signInActions = env['AUTHSIGNAL_SIGN_IN_ACTIONS']?.split(',').map((code) => code.trim()).filter(Boolean);
if (signInActions?.length) options.signInActions = signInActions;

const tenantVars = ['AUTHSIGNAL_SECRET', 'AUTHSIGNAL_TENANT_ID', 'AUTHSIGNAL_URL'] as const;
const set = tenantVars.filter((name) => env[name]);
if (set.length === tenantVars.length) {
  options.authsignal = {
    secret: env['AUTHSIGNAL_SECRET']!,
    tenantId: env['AUTHSIGNAL_TENANT_ID']!,
    url: env['AUTHSIGNAL_URL']!,
    ...(env['AUTHSIGNAL_CLIENT_URL'] ? { clientUrl: env['AUTHSIGNAL_CLIENT_URL'] } : {}),
    ...(env['AUTHSIGNAL_PREBUILT_URL'] ? { prebuiltUrl: env['AUTHSIGNAL_PREBUILT_URL'] } : {}),
  };
} else if (set.length > 0) {
  fail(`set all of ${tenantVars.join(', ')} to use an Authsignal tenant (missing: ${tenantVars.filter((n) => !env[n]).join(', ')})`);
} else {
  options.authsignal = { port: readPort(env['AUTHSIGNAL_LOCAL_PORT'], 5050, 'AUTHSIGNAL_LOCAL_PORT') };
}

if (!existsSync(fileURLToPath(new URL('../../dist/cdn/passkey-elements.js', import.meta.url)))) {
  console.warn('demo: dist/cdn/passkey-elements.js is missing; run `npm run build` (npm start does) for passkeys.');
}

let demo;
try {
  demo = await startDemo(options);
} catch (error) {
  process.stderr.write(`demo: could not start: ${(error as Error).message.split('\n')[0]}\n`);
  process.exit(1);
}

// Signals first: whoever reads the lines below may signal at once.
stopOnSignals('demo', () => demo.stop());
console.log(`Demo:       ${demo.url}  (users alice/alice and bob/bob)`);
console.log(`Authsignal: ${demo.authsignalUrl}${demo.local ? '  (local server)' : ''}`);

