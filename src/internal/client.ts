import type { Authsignal } from '@authsignal/browser';

/** The part of the Authsignal Web SDK the elements use. Inject your own through an element's `client` property. */
export type PasskeyClient = Pick<Authsignal, 'passkey'>;

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
}

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

/** Rejects with a `TimeoutError` (as `AbortSignal.timeout` does) when `promise` takes longer than `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new DOMException('The request timed out.', 'TimeoutError')), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** The API client methods the passkey ceremonies call. */
const CEREMONY_CALLS = ['challenge', 'authenticationOptions', 'registrationOptions', 'addAuthenticator', 'verify'];

/**
 * Gives every API call of a ceremony a deadline, and turns its failures (network, CORS, a non-JSON answer, the
 * deadline) into error answers. Upstream, a call that throws before WebAuthn starts leaves the SDK's module-level
 * "autofill request pending" flag set, and every later autofill sign-in returns `{}` until a reload; an answer
 * with `error` resets it. The SDK's client takes no AbortSignal, so a late request is abandoned, not aborted.
 */
function harden(client: Authsignal, ms: number): Authsignal {
  const api = client.passkey.api as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const name of CEREMONY_CALLS) {
    const call = api[name]!.bind(api);
    api[name] = (...args) =>
      withTimeout(call(...args), ms).catch(({ name, message }: Error) => {
        const errorCode = name === 'TimeoutError' ? 'timeout' : 'network_error';
        return { error: errorCode, errorCode, errorDescription: `${name}: ${message}` };
      });
  }
  return client;
}

const clients = new Map<string, Promise<PasskeyClient>>();

/**
 * One SDK client per tenant, API URL and timeout, shared by all elements. The SDK is imported on first use only:
 * it is most of the bytes, and its constructor touches `document.cookie`, which must not run during import or SSR.
 */
export function sharedClient({ tenantId, baseUrl, requestTimeout }: ClientConfig): Promise<PasskeyClient> {
  const key = `${tenantId} ${baseUrl} ${requestTimeout}`;
  let client = clients.get(key);
  if (!client) {
    client = withTimeout(import('@authsignal/browser'), requestTimeout).then(({ Authsignal }) =>
      harden(new Authsignal({ tenantId, baseUrl }), requestTimeout),
    );
    // A failed import (offline, blocked chunk) must not poison the cache for the next click.
    client.catch(() => clients.delete(key));
    clients.set(key, client);
  }
  return client;
}
