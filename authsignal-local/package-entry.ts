// `authsignal-passkey-elements/authsignal-local`: what the package offers an app's tests and dev set-up.
// Its own module so that its declarations stand alone: they name no type of the server's libraries (those
// are bundled into the package's JS, see scripts/build-node.ts), only the options and the running server.
import { describeAuthsignalLocal as describe, startAuthsignalLocal as start } from './index.js';
import type { AuthsignalLocalOptions, ResolvedOptions } from './options.js';

export { DEFAULTS, type AuthsignalLocalOptions, type ResolvedOptions } from './options.js';
export { loadActionRules, DEFAULT_RULE, type ActionRule, type ActionRules, type Method, type Outcome } from './rules.js';

/** A running local server (the same shape as index.ts's; the compiler checks they agree). */
export interface AuthsignalLocal {
  /** API base URL for both SDKs, e.g. http://localhost:5050/v1. */
  url: string;
  /** The port actually bound (useful with `port: 0`). */
  port: number;
  options: ResolvedOptions;
  /** Stops accepting connections, ends open ones, and closes the database. */
  stop(): Promise<void>;
}

/** Starts the local Authsignal-compatible server; `port: 0` picks a free port (`local.url` says which). */
export const startAuthsignalLocal: (options?: AuthsignalLocalOptions) => Promise<AuthsignalLocal> = start;
/** A one-paragraph description of a running server, with the secret masked. */
export const describeAuthsignalLocal: (local: AuthsignalLocal) => string = describe;
