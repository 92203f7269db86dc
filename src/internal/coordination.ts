/**
 * What the elements on one page agree on.
 *
 * Modal ceremonies (button sign-in, adding a passkey) abort a pending autofill request (conditional.ts): a
 * browser allows one WebAuthn request at a time. Autofill waits here until the page is idle again.
 */
let running = 0;
let idle: Promise<void> = Promise.resolve();
let markIdle = () => {};

export async function runModal<T>(ceremony: () => Promise<T>): Promise<T> {
  if (running++ === 0) idle = new Promise((resolve) => (markIdle = resolve));
  try {
    return await ceremony();
  } finally {
    if (--running === 0) markIdle();
  }
}

/** Resolves when no modal ceremony is running. */
export const whenNoModal = (): Promise<void> => idle;

/** Whether one of the elements' modal ceremonies is running now. */
export const modalRunning = (): boolean => running > 0;

/**
 * Leaving is final: once an element posts a success to its `callback-url` (or the page starts to unload), no
 * element starts another ceremony, which would only spend a challenge nobody answers or post a second time.
 * It holds while the posting element is in the document: a framework that handles the post in place (Turbo,
 * htmx) and replaces the page's elements ends it, and so does a page restored from the back-forward cache.
 */
let poster: Element | undefined;
let unloading = false;
if (typeof addEventListener === 'function') {
  addEventListener('beforeunload', () => (unloading = true));
  addEventListener('pageshow', () => {
    unloading = false;
    poster = undefined;
  });
}
export const leave = (element: Element): void => void (poster = element);
export const isLeaving = (): boolean => unloading || !!poster?.isConnected;

/**
 * A success the page accepted (its event was not prevented) ends automatic re-arming of autofill:
 * the page is signing the person in. `arm()` called by the page starts it again.
 */
let accepted = false;
export const acceptSuccess = (value = true): void => void (accepted = value);
export const successAccepted = (): boolean => accepted;

/**
 * SDK autofill requests pending on the page. The SDK cannot abort one except by starting its own ceremony, so
 * while one is pending the buttons run the SDK's ceremony instead of a prefetched one (see direct.ts).
 */
let sdkAutofill = 0;
export const holdSdkAutofill = (delta: 1 | -1): void => void (sdkAutofill += delta);
export const sdkAutofillPending = (): boolean => sdkAutofill > 0;

/** Runs `task` once the page has loaded: work ahead of the person (prefetching) never delays the page itself. */
export function afterLoad(task: () => void): void {
  if (document.readyState === 'complete') task();
  else addEventListener('load', task, { once: true });
}
