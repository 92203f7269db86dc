// Test harness: a local Authsignal-compatible server in memory on a free port, and the clients the
// real SDKs would be: the unmodified @authsignal/node for the server API, BrowserClient (what
// @authsignal/browser sends) for the client API, and a software authenticator. The demo's harness
// (test/demo-server/helpers/demo.ts) is this one around the demo's own local server.
import { Authsignal } from '@authsignal/node';
import { startAuthsignalLocal, type AuthsignalLocal, type AuthsignalLocalOptions } from '../../authsignal-local/index.js';
import { BrowserClient } from './browser-client.js';
import { SoftwareAuthenticator } from './software-authenticator.js';

export { BROWSER_UA, BrowserClient, type JsonResponse } from './browser-client.js';

export const ORIGIN = 'http://localhost:8765';

export interface Harness {
  local: AuthsignalLocal;
  /** The Node SDK, with the local server's secret. */
  authsignal: Authsignal;
  /** The browser SDK's calls, from `origin`. */
  client: BrowserClient;
  authenticator: SoftwareAuthenticator;
  stop(): Promise<void>;
}

/** The clients of an already running local server, as a page on `origin` and its back end use it. */
export function connect(local: AuthsignalLocal, origin: string): Omit<Harness, 'stop'> {
  // retries: 0 — axios-retry otherwise installs another global interceptor per instance.
  const authsignal = new Authsignal({ apiSecretKey: local.options.secret, apiUrl: local.url, retries: 0 });
  const client = new BrowserClient(local.url, local.options.tenantId, origin);
  return { local, authsignal, client, authenticator: new SoftwareAuthenticator(origin) };
}

export async function startHarness(options: AuthsignalLocalOptions = {}): Promise<Harness> {
  const local = await startAuthsignalLocal({ port: 0, data: ':memory:', log: false, origins: [ORIGIN], ...options });
  return { ...connect(local, ORIGIN), stop: () => local.stop() };
}

/** Tracks an action and enrolls a passkey for a new user; returns what later steps need. */
export async function enroll(h: Harness, userId: string, username = `${userId}@example.com`) {
  const tracked = await h.authsignal.track({ userId, action: 'add-passkey', attributes: { username, scope: 'add:authenticators' } });
  const signUp = await h.client.signUp(h.authenticator, tracked.token, username);
  return { tracked, signUp };
}
