/** Chromium's WebAuthn virtual authenticator over CDP: a platform passkey provider with user verification. */
import type { CDPSession } from 'playwright-core';

export async function addVirtualAuthenticator(cdp: CDPSession, { presence = true } = {}): Promise<string> {
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      // Off: requests stay pending until it is switched on (see shared/browser-testing.md for the safe order).
      automaticPresenceSimulation: presence,
    },
  });
  return authenticatorId;
}
