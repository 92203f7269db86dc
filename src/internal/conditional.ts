import type { ClientConfig } from './client.js';
import type { WebAuthnOptionsJSON } from './sdk-shape.js';
import { acceptSuccess, modalRunning } from './coordination.js';

/**
 * The page's conditional WebAuthn request (passkeys in autofill), run by the elements themselves rather than by
 * the SDK's `signIn({ autofill: true })`, for two reasons:
 *   - speed: the options are asked for by the bundle's first line (early.ts) or when the input connects, and the
 *     browser's request is opened as they arrive, without waiting for the SDK to download and evaluate (it is
 *     needed only to verify);
 *   - control: the SDK's autofill request can only be aborted by another ceremony of the same SDK copy, so while
 *     it was pending a button had to run the SDK's own ceremony, one round trip from click to prompt. Ours is
 *     aborted by our buttons at once, and they open their prompt from prefetched options.
 *
 * A browser allows one pending WebAuthn request per page. So that a ceremony of the page's own (its own SDK copy,
 * another library) is never refused because autofill holds the request, `navigator.credentials.get` / `create`
 * are wrapped once, on first use: a call that is not ours aborts the conditional request first, then goes through
 * unchanged. This is what the SDK's abort service does within one SDK copy, extended to the whole page.
 */
/** Our conditional requests still pending (autofill's get, automatic upgrade's create): modal ceremonies abort them. */
const pending = new Set<AbortController>();
/** True only during our own synchronous call into `navigator.credentials.get` / `create`. */
let ours = false;
/** The page's own ceremonies still running: autofill waits for them rather than take the request back. */
let foreign = 0;
let foreignDone: Promise<void> = Promise.resolve();
let markForeignDone = () => {};

let guarded = false;
/** Installs the wrapper (once): from then on the page's own ceremonies are seen. Autofill calls it on connection. */
export function guard(): void {
  if (guarded) return;
  guarded = true;
  const container = navigator.credentials;
  for (const method of ['get', 'create'] as const) {
    // Whatever is there now (an extension's wrapper included) is what every call ends in, ours too.
    const original = container[method] as (options?: CredentialRequestOptions) => Promise<Credential | null>;
    container[method] = function (this: CredentialsContainer, options?: CredentialRequestOptions) {
      // Ours: the conditional request, and our buttons' ceremonies (which abort it themselves).
      if (ours || modalRunning()) return original.call(this, options);
      abortConditional();
      if (foreign++ === 0) foreignDone = new Promise((resolve) => (markForeignDone = resolve));
      const settled = () => void (--foreign === 0 && markForeignDone());
      let call: Promise<Credential | null>;
      try {
        call = original.call(this, options);
      } catch (error) {
        settled();
        throw error;
      }
      call.then((credential) => {
        // The page signed the person in by itself: autofill is not re-armed (the page calls arm() if it stays).
        if (method === 'get' && credential) acceptSuccess();
        settled();
      }, settled);
      return call;
    };
  }
}

/**
 * Requests whose element left the page, kept open for a framework that puts a new element in its place (see
 * `<passkey-autofill-input>`): the next conditional request of ours aborts them rather than be refused.
 */
const released = new Set<AbortController>();
export function releaseConditional(controller: AbortController, release = true): void {
  if (release) released.add(controller);
  else released.delete(controller);
}

const TAKEN_OVER = 'Another passkey ceremony on the page took over.';

/** Aborts the pending conditional requests, if any (a modal ceremony is about to start). */
export function abortConditional(): void {
  for (const controller of pending) controller.abort(new DOMException(TAKEN_OVER, 'AbortError'));
  pending.clear();
}

/** Resolves when no ceremony of the page's own is running. */
export const whenNoForeign = (): Promise<void> => foreignDone;

/** Whether the browser can run a ceremony from options in JSON (WebAuthn Level 3's parse and `toJSON`). */
export const jsonWebAuthn = (): boolean =>
  typeof PublicKeyCredential === 'function' &&
  typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function' &&
  typeof PublicKeyCredential.prototype.toJSON === 'function';

/**
 * Starts one of our conditional requests past the guard: it stays pending until the person acts (or the browser
 * answers by itself), or it is aborted: by `signal`, by `abortConditional()` (our modal ceremonies), or by a
 * ceremony of the page's own. Automatic passkey upgrade (a conditional create) follows the same rule as autofill.
 * While such a ceremony runs (it may have started while the caller's options were on their way), it throws an
 * AbortError at once rather than be refused by the browser: the caller waits its turn as after an abort.
 */
export function conditionalRequest<T>(start: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
  guard();
  if (modalRunning() || foreign > 0) throw new DOMException(TAKEN_OVER, 'AbortError');
  for (const controller of released) controller.abort(new DOMException('A newer passkey request took over.', 'AbortError'));
  released.clear();
  const controller = new AbortController();
  pending.add(controller);
  signal?.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  ours = true;
  let request: Promise<T>;
  try {
    request = start(controller.signal);
  } finally {
    ours = false;
  }
  const settled = () => void pending.delete(controller);
  request.then(settled, settled);
  return request;
}

/** Opens the conditional request with sign-in options (passkeys in autofill). */
// Typed with our own options shape: lib.dom's *JSON types are missing before TypeScript 5.7 (sdk-shape.ts).
export const conditionalGet = (options: WebAuthnOptionsJSON, signal: AbortSignal) =>
  conditionalRequest(
    (aborted) =>
      navigator.credentials.get({
        publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options as PublicKeyCredentialRequestOptionsJSON),
        mediation: 'conditional',
        signal: aborted,
      }) as Promise<PublicKeyCredential>,
    signal,
  );

/** What `authentication-options` answers: the options and their challenge, or the API's error. */
export interface OptionsAnswer {
  challengeId?: string;
  options?: WebAuthnOptionsJSON;
  error?: string;
  errorCode?: string;
  errorDescription?: string;
}

/** Options asked for by the bundle's first line (early.ts), for the first autofill input of that tenant to take. */
let early: { key: string; answer: Promise<OptionsAnswer> } | undefined;
const keyOf = ({ tenantId, baseUrl }: ClientConfig) => `${tenantId} ${baseUrl}`;

export function fetchSignInOptionsEarly(config: ClientConfig): void {
  early = { key: keyOf(config), answer: fetchSignInOptions(config) };
  early.answer.catch(() => {}); // whoever takes it hears the failure
}

/** Sign-in options for an autofill input: the early ones when they were asked for its tenant, else fetched now. */
export function signInOptionsFor(config: ClientConfig): Promise<OptionsAnswer> {
  const taken = early;
  early = undefined;
  return taken?.key === keyOf(config) ? taken.answer : fetchSignInOptions(config);
}

/**
 * Fetches sign-in options exactly as the SDK's `passkey.api.authenticationOptions()` does (same URL, headers and
 * body; see shared/authsignal-api.md): the one Authsignal request the elements make without the SDK, so that it
 * leaves while the SDK is still downloading. It throws when the network fails or the deadline passes.
 */
async function fetchSignInOptions({ tenantId, baseUrl, requestTimeout }: ClientConfig): Promise<OptionsAnswer> {
  const response = await fetch(`${baseUrl}/client/user-authenticators/passkey/authentication-options`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Basic ${btoa(encodeURIComponent(tenantId))}` },
    body: '{}',
    signal: AbortSignal.timeout(requestTimeout),
  });
  return (await response.json()) as OptionsAnswer;
}
