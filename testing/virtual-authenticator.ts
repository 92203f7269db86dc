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
  // CDP speaks base64; WebAuthn JSON (and the servers) base64url.
  const url = (base64: string) => Buffer.from(base64, 'base64').toString('base64url');
  const authenticator: VirtualAuthenticator = {
    id,
    cdp,
    async credentials() {
      const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId: id });
      return credentials.map((c) => ({
        credentialId: url(c.credentialId),
        rpId: c.rpId ?? '',
        ...(c.userHandle ? { userHandle: url(c.userHandle) } : {}),
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
    async remove() {
      if (authenticators.get(page) === authenticator) authenticators.delete(page);
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
