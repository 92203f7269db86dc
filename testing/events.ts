/**
 * The elements' events as the test sees them: every `passkey-*` event the page's elements dispatch is
 * recorded (type, detail, which element) from the moment `recordPasskeyEvents` is called, across navigations.
 */
import type { Page } from 'playwright-core';

export const PASSKEY_EVENT_TYPES = [
  'passkey-signin-success',
  'passkey-signin-cancel',
  'passkey-signin-error',
  'passkey-add-success',
  'passkey-add-cancel',
  'passkey-add-error',
] as const;
export type PasskeyEventType = (typeof PASSKEY_EVENT_TYPES)[number];

export interface RecordedPasskeyEvent {
  type: PasskeyEventType;
  /** The event's `detail` (success: `token`, `userId`…; error: `code`, `message`, `cause`). */
  detail: Record<string, unknown>;
  /** The element that dispatched it: `passkey-autofill-input`, `passkey-signin-button` or `add-passkey-button`. */
  element: string;
  /** The page it happened on. */
  url: string;
}

export interface NextEventOptions {
  /** Only events of this element. */
  element?: string;
  /** Milliseconds to wait. Default 10000. */
  timeout?: number;
}

export interface PasskeyEvents {
  /** Every event recorded so far, oldest first. */
  all(): RecordedPasskeyEvent[];
  /**
   * The next event of one of these types not yet returned by `next` (it may have happened already, since the
   * previous `next`); waits for it otherwise.
   */
  next(types: PasskeyEventType | readonly PasskeyEventType[], options?: NextEventOptions): Promise<RecordedPasskeyEvent>;
  /** Forgets the events recorded so far. */
  clear(): void;
}

const BINDING = '__authsignalPasskeyElementsEvent';
const recorders = new WeakMap<Page, Promise<PasskeyEvents>>();

/** Starts recording the page's passkey events (once per page: a second call returns the same recorder). */
export function recordPasskeyEvents(page: Page): Promise<PasskeyEvents> {
  let recorder = recorders.get(page);
  if (!recorder) {
    recorder = startRecording(page);
    recorders.set(page, recorder);
  }
  return recorder;
}

async function startRecording(page: Page): Promise<PasskeyEvents> {
  const events: RecordedPasskeyEvent[] = [];
  let cursor = 0;
  const waiters = new Set<() => void>();
  await page.exposeBinding(BINDING, (_source, event: RecordedPasskeyEvent) => {
    events.push(event);
    for (const wake of waiters) wake();
  });
  // In the page: one capturing listener per type on window, before any of the page's own scripts run.
  const listen = ({ binding, types }: { binding: string; types: readonly string[] }) => {
    const w = window as unknown as Record<string, unknown>;
    if (w[`${binding}Installed`]) return;
    w[`${binding}Installed`] = true;
    for (const type of types) {
      window.addEventListener(
        type,
        (event) => {
          const detail = (event as CustomEvent).detail as Record<string, unknown> | undefined;
          const report = w[binding] as (event: unknown) => void;
          report({ type, detail: { ...detail }, element: (event.target as Element).localName, url: location.href });
        },
        { capture: true },
      );
    }
  };
  const args = { binding: BINDING, types: PASSKEY_EVENT_TYPES };
  await page.addInitScript(listen, args);
  if (/^https?:/.test(page.url())) await page.evaluate(listen, args);

  const find = (types: readonly string[], element?: string) => {
    for (let i = cursor; i < events.length; i++) {
      const event = events[i]!;
      if (types.includes(event.type) && (!element || event.element === element)) {
        cursor = i + 1;
        return event;
      }
    }
    return undefined;
  };
  return {
    all: () => [...events],
    clear() {
      events.length = 0;
      cursor = 0;
    },
    next(type, { element, timeout = 10_000 } = {}) {
      const types: readonly string[] = typeof type === 'string' ? [type] : type;
      const found = find(types, element);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const wake = () => {
          const event = find(types, element);
          if (!event) return;
          done();
          resolve(event);
        };
        const timer = setTimeout(() => {
          done();
          const seen = events.map((e) => `${e.type} from ${e.element}`).join(', ') || 'none';
          reject(new Error(`No ${types.join(' or ')}${element ? ` from ${element}` : ''} within ${timeout} ms (events so far: ${seen}).`));
        }, timeout);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(wake);
        };
        waiters.add(wake);
      });
    },
  };
}
