import { property } from 'lit/decorators.js';
import { PasskeyButton } from '../internal/passkey-button.js';
import type { Outcome } from '../internal/outcome.js';
import type { DirectClient } from '../internal/direct.js';
import { PasskeyAddCancelEvent, PasskeyAddErrorEvent, PasskeyAddSuccessEvent } from '../events.js';

/**
 * A button that creates a passkey for a signed-in person with an enrollment token from your server
 * (an Authsignal action tracked with `scope: "add:authenticators"`), as `token` or from `token-url`.
 *
 * @summary Create a passkey.
 * @tagname add-passkey-button
 * @slot - The button label. Default: "Add a passkey", in the page's language.
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
 * @fires {PasskeyAddSuccessEvent} passkey-add-success - The passkey was created. `event.detail.token` and `event.detail.userAuthenticatorId` let the server confirm it. Cancelable: stops the `callback-url` post.
 * @fires {PasskeyAddCancelEvent} passkey-add-cancel - The person dismissed the prompt.
 * @fires {PasskeyAddErrorEvent} passkey-add-error - Anything else; `event.detail.code` is stable, `event.detail.message` is for the person, `event.detail.cause` for you.
 */
export class AddPasskeyButton extends PasskeyButton {
  /** The passkey's user name, shown by the browser and password managers. */
  @property() username?: string;

  /** A friendlier name for the account, when the SDK sends it. */
  @property({ attribute: 'display-name' }) displayName?: string;

  /** `platform` (this device, the default), `cross-platform` (security key, phone) or `any`. */
  @property({ attribute: 'authenticator-attachment' }) authenticatorAttachment: 'platform' | 'cross-platform' | 'any' =
    'platform';

  protected readonly label = 'addPasskey';

  /** Starts the ceremony, as a click does. Resolves when its event has been dispatched. */
  addPasskey(): Promise<void> {
    return this.start();
  }

  protected async run(): Promise<string> {
    return this.report(
      await this.create(),
      (data) => [new PasskeyAddSuccessEvent(data), data, 'added'],
      PasskeyAddErrorEvent,
      PasskeyAddCancelEvent,
    );
  }

  protected async prepare(client: DirectClient) {
    const token = await this.serverToken();
    if (typeof token !== 'string') return token;
    return (await this.engine()).prepareSignUp(client, token, this.username || undefined, this.attachment());
  }

  private attachment(): AuthenticatorAttachment | null {
    return this.authenticatorAttachment === 'any' ? null : this.authenticatorAttachment;
  }

  private async create(): Promise<Outcome<{ token: string; userAuthenticatorId?: string }>> {
    let outcome: Outcome<{ token?: string; userAuthenticator?: { userAuthenticatorId?: string } }> | undefined =
      await this.runDirect('create', this.sameToken);
    if (!outcome) {
      const token = await this.serverToken();
      if (typeof token !== 'string') return token;
      outcome = await this.withClient((client) =>
        client.passkey.signUp({
          token,
          username: this.username || undefined,
          displayName: this.displayName || undefined,
          authenticatorAttachment: this.attachment(),
        }),
      );
    }
    if (outcome.kind !== 'success') return outcome;
    const { token: proof, userAuthenticator } = outcome.data;
    if (!proof) return { kind: 'error', code: 'not-verified', cause: 'Authsignal returned no token for the new passkey.' };
    return { kind: 'success', data: { token: proof, userAuthenticatorId: userAuthenticator?.userAuthenticatorId } };
  }
}
