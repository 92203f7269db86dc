/**
 * The same helpers for @web/test-runner (with @web/test-runner-playwright's Chromium): a plugin whose
 * commands a browser test calls with `executeServerCommand` from @web/test-runner-commands.
 *
 *   passkey:add-authenticator  { presence?, userVerified? }  a fresh virtual authenticator for the test's page
 *   passkey:remove-authenticator
 *   passkey:presence           { enabled }
 *   passkey:user-verified      { verified }
 *   passkey:credentials        → the passkeys it holds ({ credentialId, rpId, userHandle, … })
 *   passkey:signals            { wait? } → what the page's Signal API did to them since the last call
 *                              ({ event: 'deleted' | 'updated', credentialId, … }); waits up to `wait` ms
 *                              (default 3000) for the first, as the elements signal in the background
 *   passkey:enrollment-token   { userId, username? } → a token for `<add-passkey-button token>`, tracked as
 *                              the app's server would (`add-passkey`, `scope: add:authenticators`)
 *   passkey:validate           { token } → what `validateChallenge` answers
 *
 * The page stays the test's page: a passkey is created there by `<add-passkey-button>` with the token.
 */
import type { Page } from 'playwright-core';
import { type AuthsignalServer, trackAction, validateToken } from './server.js';
import { addVirtualAuthenticator, type VirtualAuthenticator, virtualAuthenticatorOf } from './virtual-authenticator.js';

export interface PasskeyCommandsOptions {
  /** The Authsignal server (default `npx authsignal-local`'s); a function when it starts with the test run. */
  server?: AuthsignalServer | (() => AuthsignalServer);
}

/** The part of a @web/test-runner plugin this one uses (structural: no dependency on @web/test-runner). */
export interface PasskeyCommandsPlugin {
  name: string;
  executeCommand(args: { command: string; payload?: unknown; session: { id: string; browser: unknown } }): Promise<unknown>;
}

export function passkeyCommands(options: PasskeyCommandsOptions = {}): PasskeyCommandsPlugin {
  const server = () => (typeof options.server === 'function' ? options.server() : options.server);
  /** How many of each authenticator's signals `passkey:signals` has returned. */
  const returned = new WeakMap<VirtualAuthenticator, number>();
  return {
    name: 'authsignal-passkey-elements-testing',
    async executeCommand({ command, payload, session }) {
      if (!command.startsWith('passkey:')) return undefined;
      const browser = session.browser as { getPage?(id: string): Page };
      if (typeof browser.getPage !== 'function') throw new Error(`${command} needs @web/test-runner-playwright's launcher.`);
      const page = browser.getPage(session.id);
      const args = (payload ?? {}) as Record<string, unknown>;
      const authenticator = (): VirtualAuthenticator => {
        const found = virtualAuthenticatorOf(page);
        if (!found) throw new Error(`${command}: run passkey:add-authenticator first.`);
        return found;
      };
      switch (command) {
        case 'passkey:add-authenticator':
          await virtualAuthenticatorOf(page)?.remove();
          await addVirtualAuthenticator(page, { presence: args.presence !== false, userVerified: args.userVerified !== false });
          return true;
        case 'passkey:remove-authenticator':
          await virtualAuthenticatorOf(page)?.remove();
          return true;
        case 'passkey:presence':
          await authenticator().setPresence(Boolean(args.enabled));
          return true;
        case 'passkey:user-verified':
          await authenticator().setUserVerified(Boolean(args.verified));
          return true;
        case 'passkey:credentials':
          return authenticator().credentials();
        case 'passkey:signals': {
          const current = authenticator();
          const from = returned.get(current) ?? 0;
          if (current.signals().length === from) await current.waitForSignal(undefined, { timeout: Number(args.wait ?? 3000) }).catch(() => {});
          const fresh = current.signals().slice(from);
          returned.set(current, from + fresh.length);
          return fresh;
        }
        case 'passkey:enrollment-token': {
          const userId = String(args.userId);
          const username = typeof args.username === 'string' ? args.username : userId;
          const attributes = { scope: 'add:authenticators', username };
          return (await trackAction(server(), { userId, action: 'add-passkey', attributes })).token;
        }
        case 'passkey:validate':
          return validateToken(server(), String(args.token));
        default:
          throw new Error(`Unknown command ${command}.`);
      }
    },
  };
}
