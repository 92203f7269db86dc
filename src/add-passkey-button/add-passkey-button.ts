import type { PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { PasskeyButton } from '../internal/passkey-button.js';
import type { Outcome } from '../internal/outcome.js';
import type { DirectClient } from '../internal/direct.js';
import type { Created } from '../internal/upgrade.js';
import { afterLoad, isLeaving, modalRunning, sdkAutofillPending, whenNoModal } from '../internal/coordination.js';
import { conditionalRequest, whenNoForeign } from '../internal/conditional.js';
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
 * @attr {boolean} registered - Read-only: this device already holds a passkey for the account (known without a prompt, from the passkeys the SDK remembers here and the ones Authsignal lists); style it to hide the button or say so.
 * @attr aria-label - Names the inner button (keep the visible label in it).
 * @attr aria-labelledby - Names the inner button from elements of the same document or shadow root.
 * @cssstate busy - The ceremony is running (also the `busy` attribute).
 * @cssstate registered - This device already holds a passkey for the account (also the `registered` attribute).
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
 * @fires {PasskeyAddSuccessEvent} passkey-add-success - The passkey was created (by a click, or by `auto-upgrade` without a prompt). `event.detail.token` and `event.detail.userAuthenticatorId` let the server confirm it. Cancelable: stops the `callback-url` post.
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

  /**
   * Automatic passkey upgrade: right after a password sign-in, where the browser supports conditional create,
   * the password manager the person just used creates a passkey without a prompt (`passkey-add-success`, as for
   * a click). Unsupported, declined or aborted, nothing is shown and the button works as ever. Any modal
   * ceremony (a click on this button, another element's, the page's own) aborts the pending request first.
   */
  @property({ type: Boolean, attribute: 'auto-upgrade' }) autoUpgrade = false;

  protected readonly label = 'addPasskey';

  /** True when this device already holds a passkey for the account (read-only; `[registered]`, `:state(registered)`). */
  get registered(): boolean {
    return this.hasState('registered');
  }

  /** Starts the ceremony, as a click does. Resolves when its event has been dispatched. */
  addPasskey(): Promise<void> {
    return this.start();
  }

  protected async run(): Promise<string> {
    const outcome = await this.create();
    if (outcome.kind === 'success' || (outcome.kind === 'error' && outcome.code === 'already-registered')) {
      this.setState('registered', true);
    }
    return this.report(outcome, this.added, PasskeyAddErrorEvent, PasskeyAddCancelEvent);
  }

  private readonly added = (data: { token: string; userAuthenticatorId?: string }) =>
    [new PasskeyAddSuccessEvent(data), data, 'added'] as [Event, typeof data, 'added'];

  protected async prepare(client: DirectClient) {
    const token = await this.serverToken();
    if (typeof token !== 'string') return token;
    const engine = await this.engine();
    const outcome = await engine.prepareSignUp(client, token, this.username || undefined, this.attachment());
    // A token's first options also tell, without a prompt, whether this device holds one of the account's
    // passkeys, and give the browser the account's passkeys and names (Signal API).
    if (outcome.kind === 'success') engine.checkDevice(client, outcome.data, modalRunning, (on) => this.setState('registered', on));
    return outcome;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('autoUpgrade') && this.autoUpgrade) this.upgradeAfterLoad();
  }

  // A failure to load the ceremonies' chunk leaves nothing to upgrade with: the button stays as it is.
  private upgradeAfterLoad(): void {
    afterLoad(() => void this.upgrade().catch(() => {}));
  }

  /** The automatic upgrade under way: removing the element ends it, so that it holds no request for the next page. */
  private upgrading?: AbortController;
  /** It was under way when the element left: a framework that puts the element back gets it again. */
  private upgradeInterrupted = false;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.upgradeInterrupted) this.upgradeAfterLoad();
    this.upgradeInterrupted = false;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.upgradeInterrupted = !!this.upgrading;
    this.upgrading?.abort();
    this.upgrading = undefined;
  }

  /** Automatic passkey upgrade (see `autoUpgrade`): silent unless a passkey was created, or the server refused it. */
  private async upgrade(): Promise<void> {
    if (this.upgrading || !this.isConnected) return;
    const stop = (this.upgrading = new AbortController());
    try {
      await this.upgradeUntil(stop.signal);
    } finally {
      if (this.upgrading === stop) this.upgrading = undefined;
    }
  }

  private async upgradeUntil(stopped: AbortSignal): Promise<void> {
    const client = await this.directClient();
    const created =
      client &&
      (await (await this.engine()).autoUpgrade({
        client,
        prepare: () => this.prepare(client),
        idle: async () => {
          await whenNoModal();
          await whenNoForeign();
          return this.autoUpgrade && !stopped.aborted && !this.busy && !isLeaving() && !sdkAutofillPending();
        },
        request: (start) => conditionalRequest(start, stopped),
      }));
    // A passkey created is reported even if the element has just left; a refusal then is not.
    const outcome = created && (created.kind === 'success' || !stopped.aborted) ? proof(created) : undefined;
    if (outcome?.kind === 'success') this.setState('registered', true);
    if (outcome) await this.report(outcome, this.added, PasskeyAddErrorEvent, PasskeyAddCancelEvent);
  }

  private attachment(): AuthenticatorAttachment | null {
    return this.authenticatorAttachment === 'any' ? null : this.authenticatorAttachment;
  }

  private async create(): Promise<Added> {
    let outcome: Created | undefined = await this.runDirect('create', this.sameToken);
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
    return proof(outcome);
  }
}

type Added = Outcome<{ token: string; userAuthenticatorId?: string }>;

/** A created passkey (by a click or by automatic upgrade) becomes the event detail, with the token that proves it. */
function proof(outcome: Created): Added {
  if (outcome.kind !== 'success') return outcome;
  const { token, userAuthenticator } = outcome.data;
  if (!token) return { kind: 'error', code: 'not-verified', cause: 'Authsignal returned no token for the new passkey.' };
  return { kind: 'success', data: { token, userAuthenticatorId: userAuthenticator?.userAuthenticatorId } };
}
