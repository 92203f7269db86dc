/** Chromium's WebAuthn virtual authenticator over CDP: a platform passkey provider with user verification. */
import type { CDPSession, Page } from 'playwright-core';

export interface VirtualAuthenticatorOptions {
  /**
   * Whether the authenticator answers by itself (user presence simulated). Default true. With false, requests
   * stay pending until `setPresence(true)`: a request that reaches it while off stays pending for ever, so
   * switch it on before the ceremony you want answered (see `signInWithButton`).
   */
  presence?: boolean;
  /** Whether the person passes user verification. Default true. */
  userVerified?: boolean;
}

/** A passkey the virtual authenticator holds; ids in base64url, as WebAuthn JSON and the servers write them. */
export interface VirtualCredential {
  credentialId: string;
  rpId: string;
  /** The user handle (`user.id`) the passkey was created for. */
  userHandle?: string;
  signCount: number;
  /** A discoverable credential (a passkey), as autofill needs. */
  isResidentCredential: boolean;
}

/**
 * What the page's WebAuthn Signal API did to one of the authenticator's passkeys (CDP's `credentialDeleted` and
 * `credentialUpdated` events): deleted by `signalUnknownCredential` or `signalAllAcceptedCredentials`, its names
 * updated by `signalCurrentUserDetails`. Ids in base64url.
 */
export type AuthenticatorSignal =
  | { event: 'deleted'; credentialId: string }
  | { event: 'updated'; credentialId: string; userName?: string; userDisplayName?: string };

export interface WaitForSignalOptions {
  /** Milliseconds to wait. Default 5000. */
  timeout?: number;
}

export interface VirtualAuthenticator {
  /** CDP's id of the authenticator. */
  readonly id: string;
  /** The page's CDP session, for anything else the WebAuthn domain offers. */
  readonly cdp: CDPSession;
  /** The passkeys it holds now. */
  credentials(): Promise<VirtualCredential[]>;
  /** Whether the next ceremonies pass user verification (false: the browser refuses with NotAllowedError). */
  setUserVerified(verified: boolean): Promise<void>;
  /** Whether it answers by itself (see `VirtualAuthenticatorOptions.presence`). */
  setPresence(enabled: boolean): Promise<void>;
  /** Every change the page's Signal API calls made to its passkeys since it was added, oldest first. */
  signals(): AuthenticatorSignal[];
  /**
   * The next such change (of this kind), when it comes. The elements signal in the background, after the event
   * that ends a ceremony: start waiting before the action, as with Playwright's `waitForEvent`. Rejects after
   * `timeout`.
   */
  waitForSignal<Event extends AuthenticatorSignal['event'] = AuthenticatorSignal['event']>(
    event?: Event,
    options?: WaitForSignalOptions,
  ): Promise<Extract<AuthenticatorSignal, { event: Event }>>;
  /** Removes it (and its passkeys) from the page. */
  remove(): Promise<void>;
}

const authenticators = new WeakMap<Page, VirtualAuthenticator>();

/** The authenticator `addVirtualAuthenticator` gave this page, if any. */
export function virtualAuthenticatorOf(page: Page): VirtualAuthenticator | undefined {
  return authenticators.get(page);
}

/**
 * Gives the page a platform authenticator that creates and offers passkeys without a person: real
 * `navigator.credentials.create/get` on `http://localhost` (or https) pages. It stays across the page's
 * navigations. Chromium allows one such authenticator per browser: give it to the page under test.
 */
export async function addVirtualAuthenticator(page: Page, options: VirtualAuthenticatorOptions = {}): Promise<VirtualAuthenticator> {
  const cdp = await page.context().newCDPSession(page);
  const id = await attachVirtualAuthenticator(cdp, options);
  const signals = recordSignals(cdp, id);
  const authenticator: VirtualAuthenticator = {
    id,
    cdp,
    async credentials() {
      const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId: id });
      return credentials.map((c) => ({
        credentialId: base64url(c.credentialId),
        rpId: c.rpId ?? '',
        ...(c.userHandle ? { userHandle: base64url(c.userHandle) } : {}),
        signCount: c.signCount,
        isResidentCredential: c.isResidentCredential,
      }));
    },
    async setUserVerified(verified) {
      await cdp.send('WebAuthn.setUserVerified', { authenticatorId: id, isUserVerified: verified });
    },
    async setPresence(enabled) {
      await cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId: id, enabled });
    },
    signals: () => [...signals.all],
    waitForSignal: <Event extends AuthenticatorSignal['event']>(event?: Event, { timeout = 5000 }: WaitForSignalOptions = {}) =>
      signals.next(event, timeout) as Promise<Extract<AuthenticatorSignal, { event: Event }>>,
    async remove() {
      if (authenticators.get(page) === authenticator) authenticators.delete(page);
      signals.stop();
      await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: id });
    },
  };
  authenticators.set(page, authenticator);
  return authenticator;
}

/** The authenticator on a CDP session of your own; returns its id (`addVirtualAuthenticator` does the rest). */
export async function attachVirtualAuthenticator(cdp: CDPSession, options: VirtualAuthenticatorOptions = {}): Promise<string> {
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: options.userVerified ?? true,
      automaticPresenceSimulation: options.presence ?? true,
    },
  });
  return authenticatorId;
}

// CDP speaks base64; WebAuthn JSON (and the servers) base64url.
const base64url = (base64: string) => Buffer.from(base64, 'base64').toString('base64url');

type CdpCredential = { credentialId: string; userName?: string; userDisplayName?: string };

/** Records the Signal API's effects on one authenticator, and hands the next one to whoever waits for it. */
function recordSignals(cdp: CDPSession, authenticatorId: string) {
  const all: AuthenticatorSignal[] = [];
  const waiting = new Set<{ event?: AuthenticatorSignal['event']; resolve(signal: AuthenticatorSignal): void }>();
  const record = (signal: AuthenticatorSignal) => {
    all.push(signal);
    for (const waiter of waiting) if (!waiter.event || waiter.event === signal.event) waiter.resolve(signal);
  };
  const deleted = (e: { authenticatorId: string; credentialId: string }) => {
    if (e.authenticatorId === authenticatorId) record({ event: 'deleted', credentialId: base64url(e.credentialId) });
  };
  const updated = ({ authenticatorId: id, credential: c }: { authenticatorId: string; credential: CdpCredential }) => {
    if (id !== authenticatorId) return;
    record({ event: 'updated', credentialId: base64url(c.credentialId), userName: c.userName, userDisplayName: c.userDisplayName });
  };
  cdp.on('WebAuthn.credentialDeleted', deleted);
  cdp.on('WebAuthn.credentialUpdated', updated);
  return {
    all,
    next: (event: AuthenticatorSignal['event'] | undefined, timeout: number) =>
      new Promise<AuthenticatorSignal>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(waiter);
          reject(new Error(`No ${event ?? 'deleted or updated'} signal reached the virtual authenticator within ${timeout} ms.`));
        }, timeout);
        const waiter = {
          event,
          resolve(signal: AuthenticatorSignal) {
            clearTimeout(timer);
            waiting.delete(waiter);
            resolve(signal);
          },
        };
        waiting.add(waiter);
      }),
    stop() {
      cdp.off('WebAuthn.credentialDeleted', deleted);
      cdp.off('WebAuthn.credentialUpdated', updated);
    },
  };
}
