// What every route needs, built once in app.ts and passed down explicitly (no globals), so tests can
// run several demos in one process.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { FixedWindowLimiter } from './auth/rate-limit.js';
import type { MfaService } from './authsignal/mfa.js';
import type { PasskeyService } from './authsignal/passkeys.js';
import type { Session, Store, User } from './db/store.js';
import type { ClientConfig } from './views/layout.js';

export interface Deps {
  store: Store;
  passkeys: PasskeyService;
  /** The password sign-in's second factor (track, pre-built UI). */
  mfa: MfaService;
  /** The demo's own origin, e.g. http://localhost:5001: the pre-built UI's way back is built on it. */
  origin: string;
  /** Tenant and client API URL for the browser. */
  client: ClientConfig;
  now: () => number;
  /** Action codes a passkey sign-in token may carry (never "add-passkey"). */
  signInActions: ReadonlySet<string>;
  limits: { perUsername: FixedWindowLimiter; perIp: FixedWindowLimiter };
  /** Believe X-Forwarded-Proto / X-Forwarded-For (only behind a proxy you run). */
  trustProxy: boolean;
  /** True when the demo runs its own local Authsignal server (throwaway playground users are allowed). */
  localAuthsignal: boolean;
  /**
   * The session cookie's name (default demo_session). Cookies do not keep to a port: two servers on
   * localhost need two names, or each would read the other's.
   */
  sessionCookie?: string;
  /** HMAC key for anti-forgery tokens (security/anti-forgery.ts); random per start, never logged. */
  antiForgeryKey: Buffer;
}

/** The signed-in person, when there is one. */
export interface Auth {
  sessionId: string;
  session: Session;
  user: User;
}

export type AppEnv = { Variables: { auth: Auth | null } };
export type AppContext = Context<AppEnv>;

/**
 * A refusal with a clear message: rendered as a small page, or as `{ error }` under /api.
 * Thrown anywhere in a route; app.ts turns it into the response.
 */
export class RequestError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
    readonly title = 'Something is not right',
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}
