import { Authsignal } from '@authsignal/browser';
import type { ClientConfig } from './client.js';
import type { DirectClient, PasskeyClient } from './sdk-shape.js';

/** Rejects with a `TimeoutError` (as `AbortSignal.timeout` does) when `promise` takes longer than `ms`. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
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
function harden(client: Authsignal, ms: number): DirectClient {
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

const clients = new Map<string, PasskeyClient>();

/** One SDK client per tenant, API URL and timeout, shared by all elements. */
export function sharedClient({ tenantId, baseUrl, requestTimeout }: ClientConfig): PasskeyClient {
  const key = `${tenantId} ${baseUrl} ${requestTimeout}`;
  let client = clients.get(key);
  if (!client) clients.set(key, (client = harden(new Authsignal({ tenantId, baseUrl }), requestTimeout)));
  return client;
}
