import { nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { PasskeyElement } from '../internal/passkey-element.js';
import { isLeaving, modalRunning, whenNoModal } from '../internal/coordination.js';
import { supportsAutofill } from '../internal/support.js';
import { toSigninDetail } from '../internal/signin.js';
import { PasskeySigninCancelEvent, PasskeySigninErrorEvent, PasskeySigninSuccessEvent } from '../events.js';

const MAX_RETRY_DELAY_MS = 30_000;

/**
 * Offers the person's passkeys in the browser's autofill of your username field (conditional mediation).
 * Wrap your own `<input>`; the element keeps it in light DOM, because the SDK's autofill and password managers
 * only see inputs there, and makes sure its `autocomplete` ends with `webauthn`. With no input inside, it creates
 * `<input name="username">`. Where passkey autofill is unavailable the input is simply an input.
 *
 * @summary Passkey autofill for a username field.
 * @tagname passkey-autofill-input
 * @slot - Your `<input>` (optional).
 * @fires {PasskeySigninSuccessEvent} passkey-signin-success - Signed in from autofill. `event.detail.token` is what the server validates; also `userId`, `username`, `displayName`, `userAuthenticatorId`. Cancelable: stops the `callback-url` post.
 * @fires {PasskeySigninCancelEvent} passkey-signin-cancel - The browser ended the autofill request without a passkey. Autofill is re-armed.
 * @fires {PasskeySigninErrorEvent} passkey-signin-error - The sign-in failed; `event.detail.code` is stable, `event.detail.message` readable. Autofill is re-armed, with growing pauses.
 */
export class PasskeyAutofillInput extends PasskeyElement {
  /** Set while a passkey autofill request is pending. */
  @property({ type: Boolean, reflect: true }) armed = false;

  private running = false;
  private retryDelay = 0;
  private retryTimer?: ReturnType<typeof setTimeout>;

  /** The enhanced input. */
  get input(): HTMLInputElement | null {
    return this.querySelector('input');
  }

  // Light DOM: document.querySelectorAll("input[autocomplete$='webauthn']") must find the input.
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override render() {
    return nothing;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.prepareInput();
    void this.arm();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.retryTimer);
  }

  /**
   * Arms passkey autofill. Called on connection, after the elements' own button ceremonies and after every
   * autofill that ended without signing in. Call it yourself after handling a success if the page stays, and
   * after a ceremony your page ran with the SDK directly (starting one aborts autofill).
   */
  async arm(): Promise<void> {
    if (this.running || this.unsupported || !this.isConnected) return;
    this.running = true;
    clearTimeout(this.retryTimer);
    try {
      if (!(await supportsAutofill())) return;
      await whenNoModal();
      if (!this.isConnected || this.unsupported || isLeaving()) return;
      this.armed = true;
      const outcome = toSigninDetail(await this.withClient((client) => client.passkey.signIn({ autofill: true })));
      this.armed = false;
      // A pending request outlives a removal, but a removed element no longer speaks for the page.
      if (!this.isConnected) return;
      switch (outcome.kind) {
        case 'success':
          this.retryDelay = 0;
          this.succeed(new PasskeySigninSuccessEvent(outcome.data), { token: outcome.data.token });
          return;
        case 'ignored': // another autofill input on this page holds the request
          return;
        case 'aborted':
          // One of our buttons took over: re-arm as soon as it ends. Anything else that aborted it is the
          // page's own SDK ceremony, which re-arming would abort in turn: the page calls arm() when done.
          if (modalRunning()) queueMicrotask(() => void this.arm());
          return;
        case 'cancel':
          this.dispatchEvent(new PasskeySigninCancelEvent());
          break;
        case 'error':
          this.dispatchEvent(new PasskeySigninErrorEvent({ code: outcome.code, message: outcome.message }));
          if (outcome.code === 'not-configured') return;
      }
      // Growing pauses keep a failing server or an empty authenticator from turning this into a busy loop.
      this.retryDelay = Math.min(Math.max(this.retryDelay * 2, 500), MAX_RETRY_DELAY_MS);
      this.retryTimer = setTimeout(() => void this.arm(), this.retryDelay);
    } finally {
      this.armed = false;
      this.running = false;
    }
  }

  private prepareInput(): void {
    let input = this.input;
    if (!input) {
      input = document.createElement('input');
      input.name = 'username';
      input.autocapitalize = 'none';
      input.spellcheck = false;
      input.setAttribute('aria-label', 'Username');
      this.append(input);
    }
    // The SDK and the browser look for a token list that ends with "webauthn"; "on"/"off" cannot be combined.
    const tokens = (input.getAttribute('autocomplete') ?? '').split(/\s+/).filter((t) => t && !/^(on|off)$/i.test(t));
    if (tokens.at(-1)?.toLowerCase() !== 'webauthn') tokens.push('webauthn');
    if (tokens.length === 1) tokens.unshift('username');
    input.setAttribute('autocomplete', tokens.join(' '));
  }
}
