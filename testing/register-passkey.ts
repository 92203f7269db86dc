/**
 * A test user's passkey, created as the app would create it: the app's server tracks an action with
 * `scope: add:authenticators` (here: the test, with the secret), and the unmodified browser SDK
 * (`@authsignal/browser`, a dependency of this package) runs `passkey.signUp` in the page, where the virtual
 * authenticator answers. The passkey then lives both in the authenticator and on the server.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page, Route } from 'playwright-core';
import { type AuthsignalServer, serverConfig, trackAction } from './server.js';
import { virtualAuthenticatorOf } from './virtual-authenticator.js';

export interface RegisterPasskeyOptions {
  /** The Authsignal server (default: `npx authsignal-local`'s, http://localhost:5050/v1 with `local-secret`). */
  server?: AuthsignalServer;
  userId: string;
  /** Shown by the authenticator; default the user id. */
  username?: string;
  /**
   * The app's origin, one of the server's allowed origins (the passkey's RP ID is the server's). Default the
   * page's current origin, else the test's `baseURL`.
   */
  origin?: string;
  /** The action tracked for the enrollment token. Default `add-passkey`. */
  action?: string;
}

export interface RegisteredPasskey {
  userId: string;
  userAuthenticatorId: string;
  /** base64url, as `VirtualAuthenticator.credentials()` lists it. */
  credentialId: string;
}

/** A blank page of the app's origin, served by Playwright itself: nothing of the app runs during enrollment. */
const BLANK_PATH = '/__authsignal-passkey-elements/register-passkey';
const SDK_PATH = '/__authsignal-passkey-elements/authsignal-browser.js';

let sdkSource: string | undefined;
function sdk(): string {
  sdkSource ??= readFileSync(createRequire(import.meta.url).resolve('@authsignal/browser'), 'utf8');
  return sdkSource;
}

/**
 * Registers a passkey for `userId` through the server, in this page's virtual authenticator (call
 * `addVirtualAuthenticator(page)` first). Leaves the page on a blank page of the app's origin: go to your
 * app's page next.
 */
export async function registerPasskey(page: Page, options: RegisterPasskeyOptions): Promise<RegisteredPasskey> {
  if (!virtualAuthenticatorOf(page)) throw new Error('registerPasskey: call addVirtualAuthenticator(page) first.');
  const { url, tenantId } = serverConfig(options.server);
  const username = options.username ?? options.userId;
  const { token } = await trackAction(options.server, {
    userId: options.userId,
    action: options.action ?? 'add-passkey',
    attributes: { scope: 'add:authenticators', username },
  });

  const current = page.url();
  const base = options.origin ?? (/^https?:/.test(current) ? new URL(current).origin : undefined);
  // Without an origin, a relative URL: Playwright resolves it against the test's baseURL.
  const blank = base ? new URL(BLANK_PATH, base).href : BLANK_PATH;
  const api = `${url}/`;
  const serve = async (route: Route) => {
    const requested = route.request().url();
    // The page was served by Playwright, not from a loopback address: Chromium's local network access checks
    // would refuse its requests to a local server. Playwright makes them instead (same headers and body).
    if (requested.startsWith(api)) return route.fulfill({ response: await route.fetch() });
    if (new URL(requested).pathname === SDK_PATH) return route.fulfill({ contentType: 'text/javascript', body: sdk() });
    return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Registering a passkey</title>' });
  };
  const pattern = (u: URL) => u.pathname === BLANK_PATH || u.pathname === SDK_PATH || u.href.startsWith(api);
  await page.route(pattern, serve);
  try {
    try {
      await page.goto(blank);
    } catch (error) {
      if (!base) throw new Error('registerPasskey: pass `origin` (or set baseURL, or open a page of your app first).', { cause: error });
      throw error;
    }
    const result = await page.evaluate(
      async ({ sdkPath, tenantId, baseUrl, token, username }) => {
        const { Authsignal } = (await import(sdkPath)) as typeof import('@authsignal/browser');
        const client = new Authsignal({ tenantId, baseUrl });
        try {
          const { data, error, errorCode, errorDescription } = await client.passkey.signUp({ token, username });
          if (!data?.token) return { error: `${errorCode ?? error ?? 'no token'}: ${errorDescription ?? ''}` };
          return { userAuthenticator: data.userAuthenticator, credentialId: data.registrationResponse?.id };
        } catch (error) {
          return { error: `${(error as Error).name}: ${(error as Error).message}` };
        }
      },
      { sdkPath: SDK_PATH, tenantId, baseUrl: url, token, username },
    );
    if ('error' in result) throw new Error(`registerPasskey: the server or the browser refused the passkey (${result.error}).`);
    return {
      userId: options.userId,
      userAuthenticatorId: result.userAuthenticator?.userAuthenticatorId ?? '',
      credentialId: result.credentialId ?? '',
    };
  } finally {
    await page.unroute(pattern, serve);
  }
}
