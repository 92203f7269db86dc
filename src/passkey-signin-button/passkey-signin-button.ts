import { property } from 'lit/decorators.js';
import { PasskeyButton } from '../internal/passkey-button.js';
import type { DirectClient } from '../internal/direct.js';
import type { Outcome } from '../internal/outcome.js';
import { toSigninDetail } from '../internal/signin.js';
import { PasskeySigninCancelEvent, PasskeySigninErrorEvent, PasskeySigninSuccessEvent } from '../events.js';

/**
 * A button that signs the person in with a passkey through the Authsignal Web SDK.
 * A passkey autofill armed on the page is paused while it runs and re-armed afterwards (unless it signed in).
 * With `token` or `token-url` it re-authenticates a person who is signed in already (step-up): the passkey must be
 * that person's, and the success event's token proves the action your server tracked.
 *
 * @summary One-click passkey sign-in.
 * @tagname passkey-signin-button
 * @slot - The button label. Default: "Sign in with a passkey", in the page's language.
 * @slot icon - Replaces the passkey icon.
 * @csspart button - The inner `<button>`.
 * @csspart icon - The default passkey icon.
 * @csspart spinner - The busy indicator, shown instead of the icon while the ceremony runs.
 * @attr {boolean} busy - Read-only: set by the element while the ceremony runs; a value set from outside is put back.
 * @attr aria-label - Names the inner button (keep the visible label in it).
 * @attr aria-labelledby - Names the inner button from elements of the same document or shadow root.
 * @cssstate busy - The ceremony is running (also the `busy` attribute).
 * @cssstate unsupported - The browser has no passkeys (also the `unsupported` attribute).
 * @cssprop [--passkey-button-background=light-dark(#1d4ed8, #93b4ff)] - Button background.
 * @cssprop [--passkey-button-color=light-dark(#fff, #0b1530)] - Label and icon color.
 * @cssprop [--passkey-button-border=1px solid transparent] - Button border.
 * @cssprop [--passkey-button-radius=6px] - Corner radius.
 * @cssprop [--passkey-button-padding=0.625em 1.25em] - Inner spacing.
 * @cssprop [--passkey-button-gap=0.5em] - Space between icon and label.
 * @cssprop [--passkey-button-font=inherit] - Font shorthand.
 * @cssprop [--passkey-button-font-weight=600] - Label weight.
 * @cssprop [--passkey-button-focus-ring=3px solid light-dark(#1d4ed8, #93b4ff)] - Keyboard focus outline.
 * @cssprop [--passkey-button-disabled-opacity=0.55] - Opacity when disabled or unsupported.
 * @fires {PasskeySigninSuccessEvent} passkey-signin-success - Signed in. `event.detail.token` is what the server validates; also `userId`, `username`, `displayName`, `userAuthenticatorId`. Cancelable: stops the `callback-url` post.
 * @fires {PasskeySigninCancelEvent} passkey-signin-cancel - The person dismissed the prompt or has no passkey here.
 * @fires {PasskeySigninErrorEvent} passkey-signin-error - Anything else; `event.detail.code` is stable, `event.detail.message` is for the person, `event.detail.cause` for you.
 */
export class PasskeySigninButton extends PasskeyButton {
  /** Authsignal action code recorded for this sign-in (server-side rules apply to it). Optional; not with a token. */
  @property() action?: string;

  protected readonly label = 'signIn';

  /** Starts the ceremony, as a click does. Resolves when its event has been dispatched. */
  signIn(): Promise<void> {
    return this.start();
  }

  protected async prepare(client: DirectClient) {
    const token = await this.stepUpToken();
    if (typeof token === 'object') return token;
    return (await this.engine()).prepareSignIn(client, this.action || undefined, token);
  }

  /** With `token` or `token-url`, the sign-in re-authenticates the person the server named (step-up). */
  private stepUpToken(): Promise<string | Outcome<never> | undefined> {
    return this.token || this.tokenUrl ? this.serverToken() : Promise.resolve(undefined);
  }

  protected async run(): Promise<string> {
    const outcome = toSigninDetail((await this.runDirect('get', this.sameToken)) ?? (await this.sdkSignIn()));
    return this.report(
      outcome,
      (data) => [new PasskeySigninSuccessEvent(data), { token: data.token }, 'signedIn'],
      PasskeySigninErrorEvent,
      PasskeySigninCancelEvent,
    );
  }

  /** The SDK's own ceremony (one round trip slower; see `runDirect`). */
  private async sdkSignIn() {
    const token = await this.stepUpToken();
    if (typeof token === 'object') return token;
    // The SDK refuses an action next to a token: the token's action is the one the server tracked.
    return this.withClient((client) => client.passkey.signIn(token ? { token } : { action: this.action || undefined }));
  }
}
