// `npm start` (after the build) and `npm run serve`: the guides' topology, one command, one process —
// the login server on http://localhost:5001 (PORT), an OpenID Connect provider whose pages sign people
// in; the app on http://localhost:5002 (APP_PORT), which signs in through it and manages passkeys; and,
// unless AUTHSIGNAL_SECRET, AUTHSIGNAL_TENANT_ID and AUTHSIGNAL_URL name a tenant, the local Authsignal
// server on http://localhost:5050/v1 (AUTHSIGNAL_LOCAL_PORT) expecting both origins. OIDC_CLIENT_SECRET:
// the app's secret at the login server. Data in .data/ (DEMO_DATA). See main.ts for the other variables.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { stopOnSignals } from '../../../authsignal-local/server-kit/index.js';
import { DEMO_CLIENT_SECRET, readPort, readSignInActions, readTenant } from './env.js';
import { startTopology } from './start.js';

const env = process.env;
const tenant = readTenant(env);
const signInActions = readSignInActions(env);
if (!existsSync(fileURLToPath(new URL('../../../dist/cdn/passkey-elements.js', import.meta.url)))) {
  console.warn('demo: dist/cdn/passkey-elements.js is missing; run `npm run build` (npm start does) for passkeys.');
}

let topology;
try {
  const loginPort = readPort(env['PORT'], 5001, 'PORT');
  topology = await startTopology({
    dataDir: env['DEMO_DATA'] || '.data',
    clientSecret: env['OIDC_CLIENT_SECRET'] || DEMO_CLIENT_SECRET,
    login: {
      port: loginPort,
      authsignal: tenant ?? { port: readPort(env['AUTHSIGNAL_LOCAL_PORT'], 5050, 'AUTHSIGNAL_LOCAL_PORT') },
      ...(signInActions ? { signInActions } : {}),
    },
    app: { port: readPort(env['APP_PORT'], 5002, 'APP_PORT') },
  });
} catch (error) {
  process.stderr.write(`demo: could not start: ${(error as Error).message.split('\n')[0]}\n`);
  process.exit(1);
}

// Signals first: whoever reads the lines below may signal at once.
stopOnSignals('demo', () => topology.stop());
console.log(`App:          ${topology.app.url}  (start here; users alice/alice and bob/bob)`);
console.log(`Login server: ${topology.login.url}  (OpenID Connect provider)`);
console.log(`Authsignal:   ${topology.login.authsignalUrl}${topology.login.local ? '  (local server)' : ''}`);
