/**
 * Passkey sign-in as a person does it, with the virtual authenticator answering: by autofill (the browser
 * offers the passkey in the username field's autofill; the authenticator picks it by itself) and by button.
 * Both resolve with the `passkey-signin-success` detail (the token your server validates) and throw on a
 * `passkey-signin-error` or `-cancel` with its code and message.
 */
import type { Page } from 'playwright-core';
import { type PasskeyEventType, type RecordedPasskeyEvent, recordPasskeyEvents } from './events.js';
import { virtualAuthenticatorOf } from './virtual-authenticator.js';

export interface SignInOptions {
  /** Go there first (relative URLs resolve against Playwright's baseURL). Default: the page as it is. */
  url?: string;
  /** Milliseconds to wait for the outcome. Default 10000. */
  timeout?: number;
}

export interface SignInResult {
  token: string;
  userId: string;
  username?: string;
  userAuthenticatorId?: string;
}

const OUTCOMES: PasskeyEventType[] = ['passkey-signin-success', 'passkey-signin-error', 'passkey-signin-cancel'];

function outcome(event: RecordedPasskeyEvent): SignInResult {
  if (event.type === 'passkey-signin-success') return event.detail as unknown as SignInResult;
  const { code, message, cause } = event.detail as { code?: string; message?: string; cause?: string };
  throw new Error(`${event.type} from ${event.element}: ${code ?? 'cancelled'}: ${message ?? ''}${cause ? ` (${cause})` : ''}`);
}

/**
 * Signs in by passkey autofill: the page's `<passkey-autofill-input>` arms, the authenticator answers (it
 * needs presence on, the default), and the element reports the sign-in. Call `recordPasskeyEvents(page)`
 * before the page that signs in loads when it is not `url` (a sign-out that lands on the login page).
 */
export async function signInWithAutofill(page: Page, options: SignInOptions = {}): Promise<SignInResult> {
  const events = await recordPasskeyEvents(page);
  await virtualAuthenticatorOf(page)?.setPresence(true);
  if (options.url) await page.goto(options.url);
  return outcome(await events.next(OUTCOMES, { element: 'passkey-autofill-input', timeout: options.timeout ?? 10_000 }));
}

export interface SignInWithButtonOptions extends SignInOptions {
  /** Which button, when the page has several: its accessible name. Default the first `<passkey-signin-button>`. */
  name?: string | RegExp;
}

/**
 * Signs in with the page's `<passkey-signin-button>`. On a page that also has autofill, pass `url`: autofill
 * would otherwise sign in by itself before the click. The helper then loads the page with the authenticator
 * not answering, lets autofill arm, and switches it on before the click, the one order in which the virtual
 * authenticator answers the button's request and not the autofill's (Chromium keeps a request that reached it
 * without presence pending; the button aborts autofill's own).
 */
export async function signInWithButton(page: Page, options: SignInWithButtonOptions = {}): Promise<SignInResult> {
  const events = await recordPasskeyEvents(page);
  const authenticator = virtualAuthenticatorOf(page);
  if (options.url) {
    await authenticator?.setPresence(false);
    await page.goto(options.url);
    if ((await page.locator('passkey-autofill-input').count()) > 0) {
      await page.locator('passkey-autofill-input[armed]').first().waitFor({ state: 'attached', timeout: options.timeout ?? 10_000 });
      // Not a condition to wait for: CDP has no event for a request reaching the authenticator.
      await page.waitForTimeout(150);
    }
  }
  await authenticator?.setPresence(true);
  const button = options.name
    ? page.locator('passkey-signin-button').getByRole('button', { name: options.name })
    : page.locator('passkey-signin-button').first();
  await button.click();
  return outcome(await events.next(OUTCOMES, { element: 'passkey-signin-button', timeout: options.timeout ?? 10_000 }));
}
