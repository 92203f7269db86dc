// Test harness: starts a local server per test and talks to it the way the real SDKs do —
// the unmodified @authsignal/node for the server API, and a small client that sends exactly
// the requests @authsignal/browser sends (same paths, headers and bodies) for the client API.
import { Authsignal } from '@authsignal/node';
import { startAuthsignalLocal, type AuthsignalLocal, type AuthsignalLocalOptions } from '../../../authsignal-local/index.js';
import { SoftwareAuthenticator, type CeremonyOverrides } from './software-authenticator.js';

export const ORIGIN = 'http://localhost:8765';
export const BROWSER_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.126 Safari/537.36';

export interface Harness {
  local: AuthsignalLocal;
  authsignal: Authsignal;
  client: BrowserClient;
  authenticator: SoftwareAuthenticator;
  stop(): Promise<void>;
}

export async function startHarness(options: AuthsignalLocalOptions = {}): Promise<Harness> {
  const local = await startAuthsignalLocal({ port: 0, data: ':memory:', log: false, origins: [ORIGIN], ...options });
  // retries: 0 — axios-retry otherwise installs another global interceptor per instance.
  const authsignal = new Authsignal({ apiSecretKey: local.options.secret, apiUrl: local.url, retries: 0 });
  const client = new BrowserClient(local.url, local.options.tenantId);
  const authenticator = new SoftwareAuthenticator(ORIGIN);
  return { local, authsignal, client, authenticator, stop: () => local.stop() };
}

export interface JsonResponse {
  status: number;
  headers: Headers;
  body: Record<string, any>;
}

/** The HTTP half of @authsignal/browser's PasskeyApiClient, byte for byte in what it sends. */
export class BrowserClient {
  constructor(
    readonly baseUrl: string,
    readonly tenantId: string,
  ) {}

  headers(token?: string): Record<string, string> {
    return {
      'Content-Type': 'application/json',
      Authorization: token ? `Bearer ${token}` : `Basic ${btoa(encodeURIComponent(this.tenantId))}`,
      Origin: ORIGIN,
      'User-Agent': BROWSER_UA,
    };
  }

  async post(path: string, body: unknown, token?: string): Promise<JsonResponse> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: this.headers(token),
      body: JSON.stringify(body),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, any> };
  }

  registrationOptions(token: string, username?: string) {
    return this.post('/client/user-authenticators/passkey/registration-options', { username, authenticatorAttachment: 'platform' }, token);
  }

  addAuthenticator(token: string, registrationCredential: unknown, challengeId: string) {
    return this.post('/client/user-authenticators/passkey', { registrationCredential, conditionalCreate: false, challengeId }, token);
  }

  challenge(action: string) {
    return this.post('/client/challenge', { action });
  }

  authenticationOptions(challengeId?: string, token?: string) {
    return this.post('/client/user-authenticators/passkey/authentication-options', { challengeId }, token);
  }

  verify(authenticationCredential: unknown, challengeId: string, token?: string) {
    return this.post('/client/verify/passkey', { authenticationCredential, deviceId: 'device-1', challengeId }, token);
  }

  async passkeyExists(credentialIds: string[]): Promise<number> {
    const res = await fetch(`${this.baseUrl}/client/user-authenticators/passkey?credentialIds=${credentialIds}`, {
      headers: this.headers(),
    });
    await res.json();
    return res.status;
  }

  /** passkey.signUp(): options → create → add. Throws on any error answer. */
  async signUp(authenticator: SoftwareAuthenticator, token: string, username?: string, overrides?: CeremonyOverrides) {
    const options = await this.registrationOptions(token, username);
    ok(options);
    const credential = authenticator.createCredential(options.body['options'], overrides);
    const added = await this.addAuthenticator(token, credential, options.body['challengeId']);
    ok(added);
    return { credential, ...added.body } as { credential: typeof credential } & Record<string, any>;
  }

  /** passkey.signIn({ action?, token? }): [challenge →] options → get → verify. Returns the verify answer. */
  async signIn(authenticator: SoftwareAuthenticator, opts: { action?: string; token?: string; overrides?: CeremonyOverrides } = {}) {
    let challengeId: string | undefined;
    if (opts.action) {
      const challenge = await this.challenge(opts.action);
      ok(challenge);
      challengeId = challenge.body['challengeId'];
    }
    const options = await this.authenticationOptions(challengeId, opts.token);
    ok(options);
    const assertion = authenticator.getAssertion(options.body['options'], opts.overrides);
    return { options: options.body, assertion, result: await this.verify(assertion, options.body['challengeId'], opts.token) };
  }
}

function ok(res: JsonResponse): void {
  if (res.status >= 300 || 'error' in res.body) {
    throw new Error(`unexpected error answer ${res.status}: ${JSON.stringify(res.body)}`);
  }
}

/** Tracks an action and enrolls a passkey for a new user; returns what later steps need. */
export async function enroll(h: Harness, userId: string, username = `${userId}@example.com`) {
  const tracked = await h.authsignal.track({ userId, action: 'add-passkey', attributes: { username, scope: 'add:authenticators' } });
  const signUp = await h.client.signUp(h.authenticator, tracked.token, username);
  return { tracked, signUp };
}
