/**
 * Modal ceremonies (button sign-in, adding a passkey) abort a pending autofill request: the SDK allows one
 * WebAuthn request at a time and has no public cancel. Autofill inputs wait here until the page is idle
 * again, then re-arm.
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
 * True once the page has started to unload (a callback form post, a link): re-arming autofill then would only
 * ask Authsignal for a challenge nobody will answer. A page restored from the back-forward cache arms again.
 */
let leaving = false;
if (typeof addEventListener === 'function') {
  addEventListener('beforeunload', () => (leaving = true));
  addEventListener('pageshow', () => (leaving = false));
}
export const isLeaving = (): boolean => leaving;
