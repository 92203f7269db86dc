// Everything the demo asks Authsignal, through the unmodified Node SDK. Works the same against the
// cloud (https://api.authsignal.com/v1) and the local Authsignal-compatible server.
import { Authsignal, AuthsignalError, type UserAuthenticator } from '@authsignal/node';

/** Action tracked to hand the browser an enrollment token (WSO2 / Duende guides: "add-passkey"). */
export const ADD_PASSKEY_ACTION = 'add-passkey';
/** Action tracked to re-authenticate a signed-in person with their passkey (step-up). */
export const STEP_UP_ACTION = 'step-up';

export interface AuthsignalTenant {
  /** Server API URL, e.g. https://api.authsignal.com/v1. */
  url: string;
  tenantId: string;
  secret: string;
  /** Client API URL for the browser SDK when it differs from `url` (it does not for the cloud today). */
  clientUrl?: string;
  /** Where `track`'s `url` (the pre-built UI) lives, when not at the client URL's origin: the CSP's form-action allows it. */
  prebuiltUrl?: string;
  /**
   * Retries of failed calls (the SDK's default is 2, with exponential delays). Note that the SDK installs
   * its retry interceptor on the global axios instance, once per client.
   */
  retries?: number;
}

export interface Passkey {
  id: string;
  /** What the person called it, or a default from the device that created it. */
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  /** e.g. "Chrome on Linux", from the User-Agent that created it. */
  device: string;
}

/** A validated token, as far as the demo cares. */
export interface Challenge {
  isValid: boolean;
  state?: string;
  userId?: string;
  action?: string;
  idempotencyKey?: string;
}

/** Authsignal answered 4xx about the token itself: the input is bad, not the service. */
export class TokenRejected extends Error {
  constructor(readonly expired: boolean) {
    super(expired ? 'The token has expired.' : 'The token is invalid.');
  }
}

/** The Node SDK for the tenant (both services talk to Authsignal through it). */
export const nodeSdk = (tenant: AuthsignalTenant): Authsignal =>
  new Authsignal({
    apiSecretKey: tenant.secret,
    apiUrl: tenant.url,
    ...(tenant.retries !== undefined ? { retries: tenant.retries } : {}),
  });

export class PasskeyService {
  private readonly sdk: Authsignal;

  constructor(tenant: AuthsignalTenant) {
    this.sdk = nodeSdk(tenant);
  }

  /** A short-lived token that lets this person's browser add a passkey (also when they already have one). */
  async enrollmentToken(userId: string, username: string): Promise<string> {
    const { token } = await this.sdk.track({
      userId,
      action: ADD_PASSKEY_ACTION,
      attributes: { scope: 'add:authenticators', username },
    });
    return token;
  }

  /** A token for `<passkey-signin-button token-url>` to re-authenticate this person with their own passkey. */
  async stepUpToken(userId: string, username: string): Promise<string> {
    const { token } = await this.sdk.track({ userId, action: STEP_UP_ACTION, attributes: { username } });
    return token;
  }

  /** validateChallenge; a forged or expired token becomes TokenRejected, anything else is thrown as is. */
  async validate(token: string): Promise<Challenge> {
    try {
      const result = await this.sdk.validateChallenge({ token });
      return {
        isValid: result.isValid === true,
        ...(result.state ? { state: result.state } : {}),
        ...(result.userId ? { userId: result.userId } : {}),
        ...(result.action ? { action: result.action } : {}),
        ...(result.idempotencyKey ? { idempotencyKey: result.idempotencyKey } : {}),
      };
    } catch (error) {
      if (error instanceof AuthsignalError && error.statusCode >= 400 && error.statusCode < 500) {
        throw new TokenRejected(error.errorCode === 'expired_token' || /expired/i.test(error.errorDescription ?? ''));
      }
      throw error;
    }
  }

  /** This user's passkeys, newest first, named with the demo's names where it has one. */
  async list(userId: string, names: Map<string, string>): Promise<Passkey[]> {
    const authenticators = await this.sdk.getAuthenticators({ userId });
    return authenticators
      .filter((a) => a.verificationMethod === 'PASSKEY')
      .map((a) => toPasskey(a, names.get(a.userAuthenticatorId)))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /** Removes a passkey; callers check first that it is one of the user's (see `list`). */
  async remove(userId: string, userAuthenticatorId: string): Promise<void> {
    await this.sdk.deleteAuthenticator({ userId, userAuthenticatorId });
  }
}

function toPasskey(a: UserAuthenticator, name: string | undefined): Passkey {
  const device = describeDevice(a);
  return {
    id: a.userAuthenticatorId,
    name: name ?? device,
    createdAt: a.createdAt,
    lastUsedAt: a.lastVerifiedAt ?? null,
    device,
  };
}

/** "Chrome on Linux" from the creating browser's User-Agent; the authenticator's own name otherwise. */
export function describeDevice(a: Pick<UserAuthenticator, 'webauthnCredential'>): string {
  const ua = a.webauthnCredential?.parsedUserAgent;
  const browser = ua?.browser?.name;
  const os = ua?.os?.name;
  if (browser && os) return `${browser} on ${os}`;
  return browser || os || a.webauthnCredential?.aaguidMapping?.name || a.webauthnCredential?.name || 'Passkey';
}
