/** Shared set-up for element tests: point the elements at the local server and enroll passkeys for real. */
import { Authsignal } from '@authsignal/browser';
// Not src/index.js: that would define the elements, and the CDN bundle test must define them itself.
import { configurePasskeyElements } from '../../src/internal/client.js';
import { authsignal, uniqueUser, webauthn } from './commands.js';

let sdk: Authsignal | undefined;

/** Configures every element on the page for the test server and gives the page a fresh authenticator. */
export async function useTestServer(options: { presence?: boolean } = {}) {
  const config = await authsignal.config();
  configurePasskeyElements(config);
  await webauthn.reset(options);
  return config;
}

/** The unmodified SDK, as a page that also uses it directly would have it. */
export async function pageSdk(): Promise<Authsignal> {
  sdk ??= new Authsignal(await authsignal.config());
  return sdk;
}

/** Creates a passkey for a new user through the unmodified SDK, as a page would. */
export async function enrolledUser(prefix = 'user'): Promise<{ userId: string; username: string }> {
  const sdk = await pageSdk();
  const userId = uniqueUser(prefix);
  const username = `${userId}@example.test`;
  const { token } = await authsignal.track(userId, { action: 'add-passkey', scope: 'add:authenticators', username });
  const result = await sdk.passkey.signUp({ token, username });
  if (!result.data?.token) throw new Error(`enrollment failed: ${result.error ?? 'no token'}`);
  return { userId, username };
}

/** Records every event of the given types dispatched on (or through) the target. */
export function recordEvents(target: EventTarget, types: string[]) {
  const events: Event[] = [];
  for (const type of types) target.addEventListener(type, (event) => events.push(event));
  return {
    events,
    types: () => events.map((event) => event.type),
    /** Resolves with the first event of one of the types, at or after the current count. */
    next(type: string, timeoutMs = 5000): Promise<Event> {
      const seen = events.length;
      return new Promise((resolve, reject) => {
        const started = Date.now();
        const poll = () => {
          const found = events.slice(seen).find((event) => event.type === type);
          if (found) return resolve(found);
          if (Date.now() - started > timeoutMs) return reject(new Error(`no ${type} within ${timeoutMs} ms; saw ${this.types().join(', ') || 'nothing'}`));
          setTimeout(poll, 10);
        };
        poll();
      });
    },
  };
}

/** Captures the callback form an element submits (requestSubmit fires `submit`), without leaving the page. */
export function captureCallbackPost(): Promise<{ action: string; method: string; fields: Record<string, string> }> {
  return new Promise((resolve) => {
    document.addEventListener(
      'submit',
      (event) => {
        event.preventDefault();
        const form = event.target as HTMLFormElement;
        const fields = Object.fromEntries(new FormData(form)) as Record<string, string>;
        resolve({ action: form.action, method: form.method, fields });
        form.remove();
      },
      { once: true },
    );
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once `condition` holds (it may be async), polling; throws after `timeoutMs`. */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await sleep(10);
  }
}
