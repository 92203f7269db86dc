// `npm run start:login`: the login server alone on http://localhost:5001 (PORT overrides), an OpenID
// Connect provider for the app at APP_URL (default http://localhost:5002; its client secret
// OIDC_CLIENT_SECRET), with a local Authsignal server on http://localhost:5050/v1 expecting both origins.
// `npm start` runs it together with the app (topology/main.ts). With AUTHSIGNAL_SECRET,
// AUTHSIGNAL_TENANT_ID and AUTHSIGNAL_URL all set, it uses that tenant instead and starts no local
// server (add both origins to the tenant's expected origins). AUTHSIGNAL_CLIENT_URL sets the
// browser's API URL if it ever differs from AUTHSIGNAL_URL (both SDKs default to
// https://api.authsignal.com/v1 today). AUTHSIGNAL_SIGN_IN_ACTIONS (comma-separated) lists the action codes
// whose tokens may sign in, default `signInWithPasskey`. AUTHSIGNAL_PREBUILT_URL: where the tenant's pre-built UI
// lives, when not on AUTHSIGNAL_URL's origin (the CSP's form-action allows it). Data lives in .data/
// (DEMO_DATA overrides): demo.db, oidc.db, oidc-keys.json and demo-authsignal-local.db.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { stopOnSignals } from '../../authsignal-local/server-kit/index.js';
import { appClient } from './app/start.js';
import { type DemoOptions, startDemo } from './start.js';
import { DEMO_CLIENT_SECRET, fail, readPort, readSignInActions, readTenant } from './topology/env.js';

const env = process.env;
let appUrl: URL;
try {
  appUrl = new URL(env['APP_URL'] || 'http://localhost:5002');
} catch {
  fail(`APP_URL must be a URL, got "${env['APP_URL']}"`);
}
const options: DemoOptions = {
  port: readPort(env['PORT'], 5001, 'PORT'),
  dataDir: env['DEMO_DATA'] || '.data',
  authsignal: readTenant(env) ?? { port: readPort(env['AUTHSIGNAL_LOCAL_PORT'], 5050, 'AUTHSIGNAL_LOCAL_PORT') },
  oidc: {
    clients: [appClient(appUrl.origin, env['OIDC_CLIENT_SECRET'] || DEMO_CLIENT_SECRET)],
  },
};
const signInActions = readSignInActions(env);
if (signInActions) options.signInActions = signInActions;

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
console.log(`Login server: ${demo.url}  (users alice/alice and bob/bob; OpenID Connect provider for ${appUrl.origin})`);
console.log(`Authsignal:   ${demo.authsignalUrl}${demo.local ? '  (local server)' : ''}`);
