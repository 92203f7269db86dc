// `npm run start:app`: the app alone on http://localhost:5002 (APP_PORT overrides), signing in through the
// login server at OIDC_ISSUER (default http://localhost:5001, started with `npm run start:login`) as
// client `demo-app` with OIDC_CLIENT_SECRET (default: the demo's development secret, the same default
// as the login server's). Authsignal: AUTHSIGNAL_SECRET, AUTHSIGNAL_TENANT_ID and AUTHSIGNAL_URL
// (default: the login server's local server, http://localhost:5050/v1, tenant local-tenant). The app's
// own origin must be an expected origin of the tenant's passkeys (the local server of start:login
// expects it at APP_URL). Data: .data/app.db (DEMO_DATA overrides the folder).
import { stopOnSignals } from '../../../authsignal-local/server-kit/index.js';
import { DEMO_CLIENT_SECRET, fail, readPort, readTenant } from '../topology/env.js';
import { startApp } from './start.js';

const env = process.env;
let app;
try {
  app = await startApp({
    port: readPort(env['APP_PORT'], 5002, 'APP_PORT'),
    dataDir: env['DEMO_DATA'] || '.data',
    connection: {
      issuer: env['OIDC_ISSUER'] || 'http://localhost:5001',
      clientSecret: env['OIDC_CLIENT_SECRET'] || DEMO_CLIENT_SECRET,
      authsignal: readTenant(env) ?? { url: 'http://localhost:5050/v1', tenantId: 'local-tenant', secret: 'local-secret', retries: 0 },
    },
  });
} catch (error) {
  fail(`could not start: ${(error as Error).message.split('\n')[0]}`);
}
stopOnSignals('demo', () => app.stop());
console.log(`App:          ${app.url}  (signs in through ${app.connection.issuer})`);
