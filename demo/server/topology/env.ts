// What the demo's three entry points (topology/main.ts, main.ts, app/main.ts) read from the environment.
import type { AuthsignalTenant } from '../authsignal/passkeys.js';

/**
 * The app's client secret at the login server when OIDC_CLIENT_SECRET is not set: a development value,
 * the same for `npm run start:login` and `npm run start:app` so that they find each other. Set your own
 * anywhere but on your own machine.
 */
export const DEMO_CLIENT_SECRET = 'demo-app-development-secret';

export function fail(message: string): never {
  process.stderr.write(`demo: ${message}\n`);
  process.exit(2);
}

export function readPort(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value) || Number(value) > 65535) fail(`${name} must be a port number 0-65535, got "${value}"`);
  return Number(value);
}

const TENANT_VARS = ['AUTHSIGNAL_SECRET', 'AUTHSIGNAL_TENANT_ID', 'AUTHSIGNAL_URL'] as const;

/** A real tenant when all three variables are set; undefined when none is; exits when only some are. */
export function readTenant(env: NodeJS.ProcessEnv): AuthsignalTenant | undefined {
  const set = TENANT_VARS.filter((name) => env[name]);
  if (set.length === 0) return undefined;
  if (set.length < TENANT_VARS.length) {
    fail(`set all of ${TENANT_VARS.join(', ')} to use an Authsignal tenant (missing: ${TENANT_VARS.filter((n) => !env[n]).join(', ')})`);
  }
  return {
    secret: env['AUTHSIGNAL_SECRET']!,
    tenantId: env['AUTHSIGNAL_TENANT_ID']!,
    url: env['AUTHSIGNAL_URL']!,
    ...(env['AUTHSIGNAL_CLIENT_URL'] ? { clientUrl: env['AUTHSIGNAL_CLIENT_URL'] } : {}),
    ...(env['AUTHSIGNAL_PREBUILT_URL'] ? { prebuiltUrl: env['AUTHSIGNAL_PREBUILT_URL'] } : {}),
  };
}

/** AUTHSIGNAL_SIGN_IN_ACTIONS, comma-separated, when set. */
export function readSignInActions(env: NodeJS.ProcessEnv): string[] | undefined {
  const codes = env['AUTHSIGNAL_SIGN_IN_ACTIONS']?.split(',').map((code) => code.trim()).filter(Boolean);
  return codes?.length ? codes : undefined;
}
