// Test-only: the HTTP half of @authsignal/browser's PasskeyApiClient, byte for byte in what it sends
// (same paths, headers and bodies), so Node tests run ceremonies against a local server without a
// browser. Ceremonies take a SoftwareAuthenticator for the navigator.credentials part.
import type { CeremonyOverrides, SoftwareAuthenticator } from './software-authenticator.js';

export const BROWSER_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.126 Safari/537.36';

export interface JsonResponse {
  status: number;
  headers: Headers;
  body: Record<string, any>;
}

export class BrowserClient {
  constructor(
    /** The local server's API base, e.g. http://localhost:5050/v1. */
    readonly baseUrl: string,
    readonly tenantId: string,
    /** The page origin the browser would send. */
    readonly origin: string,
  ) {}

  headers(token?: string): Record<string, string> {
    return {
      'Content-Type': 'application/json',
      Authorization: token ? `Bearer ${token}` : `Basic ${btoa(encodeURIComponent(this.tenantId))}`,
      Origin: this.origin,
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

  /** `conditionalCreate` is what the SDK's `signUp({ useAutoRegister: true })` sends. */
  addAuthenticator(token: string, registrationCredential: unknown, challengeId: string, conditionalCreate = false) {
    return this.post('/client/user-authenticators/passkey', { registrationCredential, conditionalCreate, challengeId }, token);
  }

  /** GET /client/user-authenticators: the token's user's authenticators (newer SDKs' passkey sync). */
  async userAuthenticators(token?: string): Promise<{ status: number; body: any }> {
    const res = await fetch(`${this.baseUrl}/client/user-authenticators`, { headers: this.headers(token) });
    return { status: res.status, body: await res.json() };
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

  /** A discoverable sign-in, as autofill does, that must verify: returns the sign-in token. */
  async signInToken(authenticator: SoftwareAuthenticator): Promise<string> {
    const { result } = await this.signIn(authenticator);
    ok(result);
    if (result.body['isVerified'] !== true) throw new Error(`not verified: ${JSON.stringify(result.body)}`);
    return result.body['accessToken'] as string;
  }
}

function ok(res: JsonResponse): void {
  if (res.status >= 300 || 'error' in res.body) {
    throw new Error(`unexpected error answer ${res.status}: ${JSON.stringify(res.body)}`);
  }
}
