import type * as Engine from './engine.js';
import type { Outcome } from './outcome.js';
import type { DirectClient, PasskeyClient } from './sdk-shape.js';
import { jsonWebAuthn } from './conditional.js';
import { en } from './messages.js';

export type { PasskeyClient };

/** Page-wide settings, used by every element that has no attribute of its own for them. */
export interface PasskeyElementsConfig {
  tenantId?: string;
  baseUrl?: string;
  /** Milliseconds each request (Authsignal API, `token-url`) may take. Default 10000; at most 30000. */
  requestTimeout?: number;
  /** The page's anti-forgery token, sent with the `callback-url` post and the `token-url` request. */
  csrfToken?: string;
  /** Form field of the anti-forgery token in the `callback-url` post, e.g. `__RequestVerificationToken`. */
  csrfField?: string;
  /** Request header of the anti-forgery token on the `token-url` request. Default `X-CSRF-Token`. */
  csrfHeader?: string;
  /** Shapes the `token-url` request (headers, credentials…) before it is sent. */
  tokenRequest?: (init: RequestInit) => RequestInit | Promise<RequestInit>;
}

/** Whether this browser and client can run a ceremony from options fetched ahead (see direct.ts). */
export function isDirect(client: PasskeyClient): client is DirectClient {
  const c = client as Partial<DirectClient>;
  return (
    jsonWebAuthn() &&
    typeof c.setToken === 'function' &&
    typeof c.anonymousId === 'string' &&
    typeof (client.passkey as Partial<DirectClient['passkey']>).api?.verify === 'function'
  );
}

export const DEFAULT_BASE_URL = 'https://api.authsignal.com/v1';
const DEFAULT_TIMEOUT = 10_000;
const MAX_TIMEOUT = 30_000;

let pageConfig: PasskeyElementsConfig = {};

/**
 * Sets page-wide settings once for every passkey element. `<meta name="authsignal-tenant-id">` and
 * `<meta name="authsignal-base-url">` set the tenant without JavaScript; Rails' `<meta name="csrf-param">` and
 * `<meta name="csrf-token">` set the anti-forgery token.
 */
export function configurePasskeyElements(config: PasskeyElementsConfig): void {
  pageConfig = { ...pageConfig, ...config };
  for (const listener of configured) listener();
}

/** Called after every `configurePasskeyElements()`: autofill inputs that stopped for want of a tenant arm then. */
const configured = new Set<() => void>();
export const onConfigured = (listener: () => void): void => void configured.add(listener);

const meta = (name: string) =>
  document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content || undefined;

export interface ClientConfig {
  tenantId: string;
  baseUrl: string;
  requestTimeout: number;
}

/** Element attribute, then `configurePasskeyElements()`, then `<meta>`: read at ceremony time, so order never matters. */
export function resolveConfig(element: PasskeyElementsConfig): ClientConfig | undefined {
  const tenantId = element.tenantId || pageConfig.tenantId || meta('authsignal-tenant-id');
  const baseUrl = element.baseUrl || pageConfig.baseUrl || meta('authsignal-base-url') || DEFAULT_BASE_URL;
  return tenantId ? { tenantId, baseUrl, requestTimeout: requestTimeout(element) } : undefined;
}

export function requestTimeout(element: PasskeyElementsConfig): number {
  const ms = Number(element.requestTimeout || pageConfig.requestTimeout || DEFAULT_TIMEOUT);
  return Math.min(ms > 0 ? ms : DEFAULT_TIMEOUT, MAX_TIMEOUT);
}

/** The anti-forgery token and where it goes: element, page config, then Rails' meta tags (also Laravel's token). */
export function resolveCsrf(element: PasskeyElementsConfig) {
  return {
    token: element.csrfToken || pageConfig.csrfToken || meta('csrf-token'),
    field: element.csrfField || pageConfig.csrfField || meta('csrf-param'),
    header: element.csrfHeader || pageConfig.csrfHeader || 'X-CSRF-Token',
  };
}

export const tokenRequestHook = () => pageConfig.tokenRequest;

/** A request (or the ceremonies' chunk) that could not be had: `timeout` past its deadline, else `network`. */
export function unreachable(error: unknown, what: string): Outcome<never> {
  const { name, message } = error as Error;
  return { kind: 'error', code: name === 'TimeoutError' ? 'timeout' : 'network', cause: `${what}: ${name}: ${message}` };
}

/**
 * The ceremonies' code and the SDK, loaded together as one chunk on first need (a prefetch after the page's load,
 * an autofill input, a click), never while the page loads or during server-side rendering: the elements' first
 * paint needs none of it. The SDK's constructor touches `document.cookie`, which must not run during SSR either.
 */
let engine: Promise<typeof Engine> | undefined;
let loaded: typeof Engine | undefined;
export function loadEngine(ms: number): Promise<typeof Engine> {
  if (loaded) return Promise.resolve(loaded);
  engine ??= import('./engine.js').then((module) => {
    Object.assign(en, module.englishErrors);
    return (loaded = module);
  });
  const loading = engine;
  // A failed load (offline, blocked chunk) must not poison the next attempt.
  loading.catch(() => engine === loading && (engine = undefined));
  const deadline = AbortSignal.timeout(ms);
  return Promise.race([
    loading,
    new Promise<never>((_, reject) => deadline.addEventListener('abort', () => reject(deadline.reason as Error))),
  ]);
}
