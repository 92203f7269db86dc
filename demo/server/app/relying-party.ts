// The app's side of OpenID Connect, with openid-client (the certified client of the same author as
// oidc-provider): discovery of the login server, the authorization URL with PKCE (S256), state and nonce,
// the code exchange with the ID token checked (signature, issuer, audience, nonce), and the end-session URL.
// Discovery happens at the first sign-in and again after a failure, so the app starts without its login server.
import * as oidc from 'openid-client';

export interface RelyingPartyOptions {
  /** The login server, e.g. http://localhost:5001 (its discovery document is under it). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Registered exactly at the login server, e.g. http://localhost:5002/auth/callback. */
  redirectUri: string;
  /** Registered exactly at the login server, e.g. http://localhost:5002/. */
  postLogoutRedirectUri: string;
}

/** What the app keeps between sending someone to the login server and their coming back. */
export interface PendingSignIn {
  codeVerifier: string;
  state: string;
  nonce: string;
}

/** Who signed in, from the verified ID token. */
export interface SignedIn {
  sub: string;
  username: string;
  displayName: string;
  /** How they proved it (RFC 8176 `amr`): 'hwk' is a passkey. */
  amr: string[];
  /** When, in ms. */
  authTime: number | undefined;
}

export class LoginServerUnavailable extends Error {}
export class SignInRefused extends Error {}

export class RelyingParty {
  private config?: Promise<oidc.Configuration>;

  constructor(readonly options: RelyingPartyOptions) {}

  private configuration(): Promise<oidc.Configuration> {
    this.config ??= oidc
      .discovery(new URL(this.options.issuer), this.options.clientId, undefined, oidc.ClientSecretBasic(this.options.clientSecret), {
        // The demo runs on http://localhost; a real deployment is HTTPS and needs no exception.
        ...(new URL(this.options.issuer).protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : {}),
      })
      .catch((error: unknown) => {
        this.config = undefined;
        throw new LoginServerUnavailable(`discovery failed: ${(error as Error).message}`);
      });
    return this.config;
  }

  /** Where to send the browser, and what to keep until it comes back. */
  async start(): Promise<{ url: URL; pending: PendingSignIn }> {
    const config = await this.configuration();
    const pending = { codeVerifier: oidc.randomPKCECodeVerifier(), state: oidc.randomState(), nonce: oidc.randomNonce() };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.options.redirectUri,
      scope: 'openid profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url, pending };
  }

  /** Exchanges the code in `callbackUrl` (checked against `pending`) for a verified ID token. */
  async finish(callbackUrl: URL, pending: PendingSignIn): Promise<SignedIn> {
    const config = await this.configuration();
    let tokens;
    try {
      tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      if (error instanceof TypeError && /fetch failed/.test(error.message)) throw new LoginServerUnavailable(error.message);
      throw new SignInRefused((error as Error).message);
    }
    const claims = tokens.claims();
    if (!claims) throw new SignInRefused('no ID token');
    const username = typeof claims['preferred_username'] === 'string' ? claims['preferred_username'] : claims.sub;
    return {
      sub: claims.sub,
      username,
      displayName: typeof claims['name'] === 'string' ? claims['name'] : username,
      amr: Array.isArray(claims.amr) ? claims.amr.filter((value): value is string => typeof value === 'string') : [],
      authTime: typeof claims.auth_time === 'number' ? claims.auth_time * 1000 : undefined,
    };
  }

  /** The login server's end-session page, which comes back to the app (no ID token in the URL). */
  async endSessionUrl(): Promise<URL> {
    const config = await this.configuration();
    return oidc.buildEndSessionUrl(config, {
      client_id: this.options.clientId,
      post_logout_redirect_uri: this.options.postLogoutRedirectUri,
    });
  }
}
