import { nothing } from 'lit';
import { PasskeyElement } from '../internal/passkey-element.js';
import {
  acceptSuccess,
  holdSdkAutofill,
  isLeaving,
  modalRunning,
  successAccepted,
  whenNoModal,
} from '../internal/coordination.js';
import { supportsAutofill } from '../internal/support.js';
import { toSigninDetail } from '../internal/signin.js';
import { PasskeySigninCancelEvent, PasskeySigninErrorEvent, PasskeySigninSuccessEvent } from '../events.js';

/** Pauses between automatic re-arms after a failure: a down API sees a few requests a minute from a page. */
const FIRST_RETRY_MS = 2_000;
const MAX_RETRY_MS = 60_000;
/** A focus on the input retries at once after a failure, at most this often. */
const FOCUS_RETRY_MS = 2_000;

/**
 * The page's one autofill request. Browsers allow one pending WebAuthn request per page and the SDK has no
 * cancel, so the request belongs to the page, and the newest connected `<passkey-autofill-input>` owns it: a
 * framework that replaces the element (route change, keyed re-render, StrictMode's double mount, HMR) hands the
 * pending request to the new element, which signs in; the removed one says nothing. Inputs given a `client` of
 * their own (a design preview, a test) share a request only with inputs of that client.
 */
interface AutofillRequest {
  inputs: PasskeyAutofillInput[];
  pending: boolean;
  retryTimer?: ReturnType<typeof setTimeout>;
  retryDelay: number;
  lastAttempt: number;
}
const requests = new Map<unknown, AutofillRequest>();
const SHARED_CLIENT = Symbol('the shared SDK client');
const requestOf = (input: PasskeyAutofillInput): AutofillRequest => {
  const key = input.client ?? SHARED_CLIENT;
  let request = requests.get(key);
  if (!request) requests.set(key, (request = { inputs: [], pending: false, retryDelay: 0, lastAttempt: 0 }));
  return request;
};
const ownerOf = (request: AutofillRequest) => request.inputs.at(-1);

/**
 * Offers the person's passkeys in the browser's autofill of your username field (conditional mediation).
 * Wrap your own `<input>`; the element keeps it in light DOM, because the SDK's autofill and password managers
 * only see inputs there, and makes sure its `autocomplete` ends with `webauthn`. With no input inside, it creates
 * `<input name="username">`. Where passkey autofill is unavailable the input is simply an input.
 *
 * After a failure it re-arms by itself, with pauses growing from 2 s to 1 min, and at once when the input gets
 * focus or the browser comes back online. Only one request is pending per page: the newest input owns it.
 *
 * @summary Passkey autofill for a username field.
 * @tagname passkey-autofill-input
 * @slot - Your `<input>` (optional).
 * @attr {boolean} armed - Read-only: set by the element while it offers passkeys; a value set from outside is put back.
 * @cssstate armed - Passkey autofill is offered (also the `armed` attribute).
 * @cssstate unsupported - The browser has no passkeys (also the `unsupported` attribute).
 * @fires {PasskeySigninSuccessEvent} passkey-signin-success - Signed in from autofill. `event.detail.token` is what the server validates; also `userId`, `username`, `displayName`, `userAuthenticatorId`. Cancelable: stops the `callback-url` post.
 * @fires {PasskeySigninCancelEvent} passkey-signin-cancel - The browser ended the autofill request without a passkey. Autofill is re-armed.
 * @fires {PasskeySigninErrorEvent} passkey-signin-error - The sign-in failed; `event.detail.code` is stable, `event.detail.message` is for the person, `event.detail.cause` for you. Autofill is re-armed, with growing pauses.
 */
export class PasskeyAutofillInput extends PasskeyElement {
  static {
    if (typeof addEventListener === 'function') {
      addEventListener('online', () => requests.forEach((request) => PasskeyAutofillInput.retrySoon(request)));
    }
  }

  private static showArmed(request: AutofillRequest): void {
    for (const input of request.inputs) input.setState('armed', request.pending && input === ownerOf(request));
  }

  /** Re-arms now instead of at the end of a pause after a failure (the network came back, the input got focus). */
  private static retrySoon(request: AutofillRequest): void {
    if (request.retryTimer === undefined || Date.now() - request.lastAttempt < FOCUS_RETRY_MS) return;
    void PasskeyAutofillInput.armRequest(request);
  }

  /** Arms a request for its owner, or shows that the owner has it when it is pending already. */
  private static async armRequest(request: AutofillRequest): Promise<void> {
    clearTimeout(request.retryTimer);
    request.retryTimer = undefined;
    if (request.pending) return PasskeyAutofillInput.showArmed(request);
    const input = ownerOf(request);
    if (!input || input.unsupported || isLeaving()) return;
    request.pending = true;
    try {
      await whenNoModal();
      const current = ownerOf(request);
      if (!current || current.unsupported || isLeaving()) return;
      request.lastAttempt = Date.now();
      // The SDK is asked at once: the browser's answer to "is autofill available?" (tens of milliseconds) comes
      // while the options are on their way, not before. Where it is not, the SDK fails at its own check, unheard.
      const supported = supportsAutofill();
      holdSdkAutofill(1);
      const signIn = current.withClient((client) => client.passkey.signIn({ autofill: true })).finally(() => holdSdkAutofill(-1));
      if (!(await supported)) return;
      PasskeyAutofillInput.showArmed(request);
      const outcome = toSigninDetail(await signIn);
      request.pending = false;
      PasskeyAutofillInput.showArmed(request);
      // The result goes to whoever owns the request now; with no input left on the page, nobody wants it.
      const target = ownerOf(request);
      if (!target) return;
      switch (outcome.kind) {
        case 'success':
          request.retryDelay = 0;
          await target.succeed(new PasskeySigninSuccessEvent(outcome.data), { token: outcome.data.token });
          return;
        case 'aborted':
          // One of our buttons took over: re-arm when it ends, unless it signed the person in. Anything else that
          // aborted it is the page's own SDK ceremony, which re-arming would abort in turn: the page calls arm().
          if (modalRunning()) {
            void whenNoModal().then(() => {
              if (!successAccepted()) void PasskeyAutofillInput.armRequest(request);
            });
          }
          return;
        case 'cancel':
          target.dispatchEvent(new PasskeySigninCancelEvent());
          break;
        case 'ignored':
          // The SDK holds an autofill request of the page's own (or a stuck one of another SDK client).
          break;
        case 'error':
          target.dispatchEvent(new PasskeySigninErrorEvent(await target.errorDetail(outcome.code, outcome.cause)));
          if (outcome.code === 'not-configured') return;
      }
      if (successAccepted() || isLeaving()) return;
      // Growing pauses keep a failing server or an empty authenticator from turning this into a busy loop.
      request.retryDelay = Math.min(Math.max(request.retryDelay * 2, FIRST_RETRY_MS), MAX_RETRY_MS);
      request.retryTimer = setTimeout(() => void PasskeyAutofillInput.armRequest(request), request.retryDelay);
    } finally {
      request.pending = false;
      PasskeyAutofillInput.showArmed(request);
    }
  }

  /** True while this input offers passkeys in autofill (read-only; style it with `[armed]` or `:state(armed)`). */
  get armed(): boolean {
    return this.hasState('armed');
  }

  /** The input this element created, when the author wrote none: it gets a name in the page's language. */
  private created?: HTMLInputElement;

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

  /** The request this input shares, fixed while it is connected. */
  private request?: AutofillRequest;
  private readonly onFocus = () => this.request && PasskeyAutofillInput.retrySoon(this.request);

  override connectedCallback(): void {
    super.connectedCallback();
    this.prepareInput();
    this.addEventListener('focusin', this.onFocus);
    const request = (this.request = requestOf(this));
    // A login form that appears again (after signing out in a single-page app) is a new attempt.
    if (!request.inputs.length) {
      acceptSuccess(false);
      request.retryDelay = 0;
    }
    request.inputs.push(this);
    void PasskeyAutofillInput.armRequest(request);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('focusin', this.onFocus);
    const request = this.request!;
    request.inputs.splice(request.inputs.indexOf(this), 1);
    this.setState('armed', false);
    PasskeyAutofillInput.showArmed(request);
    if (!request.inputs.length) {
      clearTimeout(request.retryTimer);
      if (!request.pending) requests.delete(this.client ?? SHARED_CLIENT);
    }
  }

  /**
   * Arms passkey autofill. It happens by itself on connection, after the elements' own button ceremonies and after
   * every autofill that ended without signing in. Call it after a success your page handled without leaving, and
   * after a ceremony your page ran with the SDK directly (starting one aborts autofill).
   */
  arm(): Promise<void> {
    acceptSuccess(false);
    return this.request ? PasskeyAutofillInput.armRequest(this.request) : Promise.resolve();
  }

  protected override updated(): void {
    this.created?.setAttribute('aria-label', this.text('username'));
  }

  private prepareInput(): void {
    let input = this.input;
    if (!input) {
      input = document.createElement('input');
      input.name = 'username';
      input.autocapitalize = 'none';
      input.spellcheck = false;
      this.created = input;
      this.append(input);
    }
    // The SDK and the browser look for a token list that ends with "webauthn"; "on"/"off" cannot be combined.
    const tokens = (input.getAttribute('autocomplete') ?? '').split(/\s+/).filter((t) => t && !/^(on|off)$/i.test(t));
    if (tokens.at(-1)?.toLowerCase() !== 'webauthn') tokens.push('webauthn');
    if (tokens.length === 1) tokens.unshift('username');
    input.setAttribute('autocomplete', tokens.join(' '));
  }
}
