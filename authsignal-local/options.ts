// Options of the local server and their defaults, resolved once so every module sees the same values.
import { type ActionRules, checkActionRules } from './rules.js';

export interface AuthsignalLocalOptions {
  /** TCP port; 0 picks a free one. Default 5050. */
  port?: number;
  /** Interface to listen on. Default 'localhost'. */
  host?: string;
  /** Tenant id the browser SDK is configured with. Default 'local-tenant'. */
  tenantId?: string;
  /** API secret the Node SDK is configured with; also signs the tokens (HS256). Default 'local-secret'. */
  secret?: string;
  /** WebAuthn relying party id. Default 'localhost'. */
  rpId?: string;
  /** WebAuthn relying party name shown by authenticators. Default 'Authsignal local'. */
  rpName?: string;
  /** Page origins allowed to run ceremonies and to call the client API (CORS). Default ['http://localhost:5001']. */
  origins?: string[];
  /**
   * SQLite file path, or ':memory:' to keep nothing. Default '.data/authsignal-local.db' (the demo's
   * own local server uses another file). Several processes may share a file (WAL, busy timeout).
   */
  data?: string;
  /** Receives one line per request; false silences it. Default console.log. */
  log?: ((line: string) => void) | false;
  /** Lifetime of issued tokens. Default 600 (10 minutes, as the cloud). */
  tokenTtlSeconds?: number;
  /** Lifetime of WebAuthn / action challenges. Default 300. */
  challengeTtlSeconds?: number;
  /** How long an action (and so its token's validation) is kept. Default 3600; never less than tokenTtlSeconds. */
  actionRetentionSeconds?: number;
  /** Millisecond clock; tests inject one to exercise expiry. Default Date.now. */
  now?: () => number;
  /**
   * Rules per action code: `{ outcome: 'ALLOW' | 'CHALLENGE' | 'REVIEW' | 'BLOCK', authenticators: ['PASSKEY' |
   * 'AUTHENTICATOR_APP', …] }`. An action without a rule answers ALLOW and accepts every method.
   * Default {}; the demo's are in authsignal-local/actions.json (loadActionRules reads such a file).
   */
  actions?: ActionRules;
}

export type ResolvedOptions = Required<AuthsignalLocalOptions>;

export const DEFAULTS = {
  port: 5050,
  host: 'localhost',
  tenantId: 'local-tenant',
  secret: 'local-secret',
  rpId: 'localhost',
  rpName: 'Authsignal local',
  origins: ['http://localhost:5001'],
  data: '.data/authsignal-local.db',
  tokenTtlSeconds: 600,
  challengeTtlSeconds: 300,
  actionRetentionSeconds: 3600,
} as const;

export function resolveOptions(options: AuthsignalLocalOptions = {}): ResolvedOptions {
  const resolved: ResolvedOptions = {
    port: options.port ?? DEFAULTS.port,
    host: options.host ?? DEFAULTS.host,
    tenantId: options.tenantId ?? DEFAULTS.tenantId,
    secret: options.secret ?? DEFAULTS.secret,
    rpId: options.rpId ?? DEFAULTS.rpId,
    rpName: options.rpName ?? DEFAULTS.rpName,
    // Origins are compared exactly against clientDataJSON.origin and the Origin header: normalise them.
    origins: (options.origins ?? [...DEFAULTS.origins]).map(normaliseOrigin),
    data: options.data ?? DEFAULTS.data,
    log: options.log === undefined ? (line: string) => console.log(line) : options.log,
    tokenTtlSeconds: options.tokenTtlSeconds ?? DEFAULTS.tokenTtlSeconds,
    challengeTtlSeconds: options.challengeTtlSeconds ?? DEFAULTS.challengeTtlSeconds,
    actionRetentionSeconds: options.actionRetentionSeconds ?? DEFAULTS.actionRetentionSeconds,
    now: options.now ?? Date.now,
    actions: checkActionRules(options.actions ?? {}),
  };
  if (!Number.isInteger(resolved.port) || resolved.port < 0 || resolved.port > 65535) {
    throw new TypeError(`port must be an integer 0-65535, got ${resolved.port}`);
  }
  if (!resolved.tenantId) throw new TypeError('tenantId must not be empty');
  if (!resolved.secret) throw new TypeError('secret must not be empty');
  if (resolved.origins.length === 0) throw new TypeError('at least one origin is required');
  for (const key of ['tokenTtlSeconds', 'challengeTtlSeconds', 'actionRetentionSeconds'] as const) {
    if (!(resolved[key] > 0)) throw new TypeError(`${key} must be positive`);
  }
  return resolved;
}

function normaliseOrigin(origin: string): string {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new TypeError(`not an origin: ${origin}`);
  }
  if (url.origin === 'null') throw new TypeError(`not an origin: ${origin}`);
  return url.origin;
}
