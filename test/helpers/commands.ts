/** Browser-side wrappers around the test plugin's commands (see server-commands.ts). */
import { executeServerCommand } from '@web/test-runner-commands';
import type { AuthenticatorSignal, VirtualCredential } from '../../testing/index.js';
import type { TestServerConfig } from './server-commands.js';
import type { Fault } from './faulty-proxy.js';

const run = <T>(command: string, payload?: unknown) => executeServerCommand<T, unknown>(command, payload) as Promise<T>;

export const webauthn = {
  /** A fresh virtual authenticator for this page; `presence: false` leaves requests pending. */
  reset: (options: { presence?: boolean } = {}) => run<boolean>('webauthn:reset', options),
  // These, and `signals`, are the package's own commands (testing/web-test-runner.ts), on the authenticator `reset`
  // gave the page.
  presence: (enabled: boolean) => run<boolean>('passkey:presence', { enabled }),
  userVerified: (verified: boolean) => run<boolean>('passkey:user-verified', { verified }),
  credentials: () => run<VirtualCredential[]>('passkey:credentials'),
  /**
   * What the page's Signal API calls did to the authenticator since the last call (CDP's credentialDeleted and
   * credentialUpdated events); waits up to `waitMs` (3 s) for the first, as the elements signal in the background.
   */
  signals: (waitMs?: number) => run<AuthenticatorSignal[]>('passkey:signals', { wait: waitMs }),
};

/** The project's software authenticator (test/helpers/software-authenticator.ts), driven from the page. */
export const softwareAuthenticator = {
  /** A RegistrationResponseJSON for these creation options; `userPresent: false` as a conditional create makes. */
  create: (options: PublicKeyCredentialCreationOptionsJSON, userPresent = true) =>
    run<Record<string, unknown> & { id: string }>('softauth:create', { options, userPresent }),
  /** Puts its newest passkey into the page's virtual authenticator; returns its credential id. */
  importNewest: () => run<string>('softauth:import'),
};

/** Breaks the pages' way to the local server with the proxy in front of it (see faulty-proxy.ts). */
export const network = {
  /** `down`: connection dropped; `html-502`: an HTML error page without CORS headers; `hang`: no answer; `none`. */
  fault: (fault: Fault) => run<boolean>('network:fault', { fault }),
  /** Answers the requests whose path ends with `pathEnd` `ms` late, until the next `fault()`. */
  slow: (pathEnd: string, ms: number) => run<boolean>('network:slow', { pathEnd, ms }),
  /** Paths of the requests the pages sent to the local server since the last call (CORS preflights aside). */
  seen: () => run<string[]>('network:seen'),
  /**
   * `seen()` without the Signal API's reads of the user's passkeys (GET /client/user-authenticators), which the
   * elements make in the background after a verified sign-in or once an add button has its token: no part of a
   * ceremony's way to the prompt.
   */
  ceremony: async () => (await run<string[]>('network:seen')).filter((path) => !path.endsWith('/client/user-authenticators')),
};

export const authsignal = {
  config: () => run<TestServerConfig>('authsignal:config'),
  /** A second local server whose expected origins do not include the test page's. */
  foreignConfig: () => run<TestServerConfig>('authsignal:foreign-config'),
  /** A third local server whose WebAuthn challenges expire after 3 s (behind a proxy too: faults, slow, seen). */
  shortLivedConfig: () => run<TestServerConfig>('authsignal:short-lived-config'),
  /** Tracks an action for the user as the page's server would, returning its token. */
  track: (userId: string, options: { action?: string; scope?: string; username?: string; shortLived?: boolean } = {}) =>
    run<{ token: string; state: string }>('authsignal:track', { userId, ...options }),
  validate: (token: string) =>
    run<{ isValid: boolean; state: string; userId: string; action: string }>('authsignal:validate', { token }),
  authenticators: (userId: string) =>
    run<{ userAuthenticatorId: string; webauthnCredential?: { credentialId: string } }[]>('authsignal:authenticators', { userId }),
  /** Removes a passkey on the server (the account page, or an administrator), leaving it on the authenticator. */
  deleteAuthenticator: (userId: string, userAuthenticatorId: string) =>
    run<boolean>('authsignal:delete-authenticator', { userId, userAuthenticatorId }),
};

let userCounter = 0;
/** A user id no other test uses. */
export const uniqueUser = (prefix = 'user') => `${prefix}-${Date.now().toString(36)}-${++userCounter}`;
