import type { Authsignal } from '@authsignal/browser';

/** The part of the Authsignal Web SDK the elements use. Inject your own through an element's `client` property. */
export type PasskeyClient = Pick<Authsignal, 'passkey'>;

/** Page-wide settings: used by every element that has no `tenant-id` / `base-url` attribute of its own. */
export interface PasskeyElementsConfig {
  tenantId?: string;
  baseUrl?: string;
}

export const DEFAULT_BASE_URL = 'https://api.authsignal.com/v1';

let pageConfig: PasskeyElementsConfig = {};

/**
 * Sets the tenant and API URL once for every passkey element on the page.
 * `<meta name="authsignal-tenant-id">` and `<meta name="authsignal-base-url">` do the same without JavaScript.
 */
export function configurePasskeyElements(config: PasskeyElementsConfig): void {
  pageConfig = { ...pageConfig, ...config };
}

const meta = (name: string) =>
  document.querySelector<HTMLMetaElement>(`meta[name="${name}"]`)?.content || undefined;

/** Element attribute, then `configurePasskeyElements()`, then `<meta>`: read at ceremony time, so order never matters. */
export function resolveConfig(element: PasskeyElementsConfig): Required<PasskeyElementsConfig> | undefined {
  const tenantId = element.tenantId || pageConfig.tenantId || meta('authsignal-tenant-id');
  const baseUrl = element.baseUrl || pageConfig.baseUrl || meta('authsignal-base-url') || DEFAULT_BASE_URL;
  return tenantId ? { tenantId, baseUrl } : undefined;
}

const clients = new Map<string, Promise<PasskeyClient>>();

/**
 * One SDK client per tenant and API URL, shared by all elements. The SDK is imported on first use only:
 * it is most of the bytes, and its constructor touches `document.cookie`, which must not run during import or SSR.
 */
export function sharedClient({ tenantId, baseUrl }: Required<PasskeyElementsConfig>): Promise<PasskeyClient> {
  const key = `${tenantId} ${baseUrl}`;
  let client = clients.get(key);
  if (!client) {
    client = import('@authsignal/browser').then(({ Authsignal }) => new Authsignal({ tenantId, baseUrl }));
    // A failed import (offline, blocked chunk) must not poison the cache for the next click.
    client.catch(() => clients.delete(key));
    clients.set(key, client);
  }
  return client;
}
