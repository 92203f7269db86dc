/**
 * The part of the Authsignal Web SDK (`@authsignal/browser`) the elements call, written out rather than imported
 * from the SDK, so that the package's published types stand alone: the SDK's own .d.ts files do not resolve under
 * `moduleResolution: node16` / `nodenext` (an ESM package whose declarations import extensionless paths), and a
 * public type built on them fails an integrator's build (`skipLibCheck: false`) or silently becomes `any`.
 * sdk.ts assigns a real `Authsignal` client to `DirectClient`, so `npm run typecheck` fails if the SDK stops fitting.
 */

/**
 * WebAuthn options in their JSON form, as Authsignal sends them. Not lib.dom's `PublicKeyCredentialRequestOptionsJSON`
 * and its kin, which TypeScript before 5.7 lacks: the published types must not need them (the code casts to them).
 */
export interface WebAuthnOptionsJSON {
  challenge: string;
  timeout?: number;
  /** The relying party: `rpId` in sign-in options, `rp.id` in registration options. */
  rpId?: string;
  rp?: { id?: string; name?: string };
}

/** What every SDK call answers: `data`, or an error. */
export interface PasskeyClientResponse<T> {
  data?: T;
  error?: string;
  errorCode?: string;
  errorDescription?: string;
}

export interface PasskeySignInResult {
  isVerified: boolean;
  token?: string;
  userId?: string;
  userAuthenticatorId?: string;
  username?: string;
  displayName?: string;
}

export interface PasskeySignUpResult {
  token?: string;
  userAuthenticator?: { userAuthenticatorId?: string };
}

/** The part of the Authsignal Web SDK the elements use. Inject your own through an element's `client` property. */
export interface PasskeyClient {
  passkey: {
    signIn(params?: { action?: string; token?: string; autofill?: boolean }): Promise<PasskeyClientResponse<PasskeySignInResult>>;
    signUp(params: {
      token?: string;
      username?: string;
      displayName?: string;
      authenticatorAttachment?: AuthenticatorAttachment | null;
    }): Promise<PasskeyClientResponse<PasskeySignUpResult>>;
  };
}

/** The SDK's API client calls the elements make themselves (direct.ts); their answers are read field by field. */
export interface PasskeyApiClient {
  /** The API's base URL (`…/v1`), for the calls the SDK has no method for (signals.ts). */
  baseUrl: string;
  challenge(params: { action: string }): Promise<unknown>;
  authenticationOptions(params: { token?: string; challengeId?: string }): Promise<unknown>;
  registrationOptions(params: {
    token: string;
    username?: string;
    authenticatorAttachment?: AuthenticatorAttachment | null;
  }): Promise<unknown>;
  verify(params: {
    authenticationCredential: unknown;
    deviceId?: string;
    challengeId?: string;
    token?: string;
  }): Promise<unknown>;
  addAuthenticator(params: {
    registrationCredential: unknown;
    token: string;
    conditionalCreate?: boolean;
    challengeId?: string;
  }): Promise<unknown>;
}

/** An SDK client whose API client the elements can drive (see `isDirect` in client.ts). */
export interface DirectClient extends PasskeyClient {
  passkey: PasskeyClient['passkey'] & { api: PasskeyApiClient };
  anonymousId: string;
  setToken(token: string): void;
}
