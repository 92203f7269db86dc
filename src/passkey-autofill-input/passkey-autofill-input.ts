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
import { isDirect, onConfigured, resolveConfig, unreachable, type ClientConfig } from '../internal/client.js';
import {
  conditionalGet,
  guard,
  jsonWebAuthn,
  releaseConditional,
  signInOptionsFor,
  whenNoForeign,
  type OptionsAnswer,
} from '../internal/conditional.js';
import type { DirectClient, Prepared } from '../internal/direct.js';
import type { Outcome } from '../internal/outcome.js';
import {
  PasskeySigninCancelEvent,
  PasskeySigninErrorEvent,
  PasskeySigninSuccessEvent,
  type PasskeySigninSuccessDetail,
} from '../events.js';

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
  /** A request is under way: options on their way, or the browser's request open. */
  pending: boolean;
  /** The browser's request is open: passkeys are offered in autofill. */
  offered: boolean;
  /** Aborts the open request (elements' own conditional request only). */
  open?: AbortController;
  retryTimer?: ReturnType<typeof setTimeout>;
  /** Stopped for want of a tenant: armed again by `configurePasskeyElements()` or a focus (for `<meta>` tags). */
  unconfigured?: boolean;
  retryDelay: number;
  lastAttempt: number;
}
const requests = new Map<unknown, AutofillRequest>();
const SHARED_CLIENT = Symbol('the shared SDK client');
const requestOf = (input: PasskeyAutofillInput): AutofillRequest => {
  const key = input.client ?? SHARED_CLIENT;
  let request = requests.get(key);
  if (!request) requests.set(key, (request = { inputs: [], pending: false, offered: false, retryDelay: 0, lastAttempt: 0 }));
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
    onConfigured(() => requests.forEach((request) => PasskeyAutofillInput.retrySoon(request)));
  }

  private static showArmed(request: AutofillRequest, offered = request.offered): void {
    request.offered = offered;
    for (const input of request.inputs) input.setState('armed', offered && input === ownerOf(request));
  }

  /** Re-arms now instead of at the end of a pause after a failure (the network came back, the input got focus). */
  private static retrySoon(request: AutofillRequest): void {
    // Waiting for a tenant: armed as soon as one is set (`<meta>` tags added since), with no second error before.
    if (request.unconfigured) {
      const owner = ownerOf(request);
      if (owner && !owner.configError()) void PasskeyAutofillInput.armRequest(request);
      return;
    }
    if (request.retryTimer === undefined || Date.now() - request.lastAttempt < FOCUS_RETRY_MS) return;
    void PasskeyAutofillInput.armRequest(request);
  }

  /** Arms a request for its owner, or shows that the owner has it when it is pending already. */
  private static async armRequest(request: AutofillRequest): Promise<void> {
    clearTimeout(request.retryTimer);
    request.retryTimer = undefined;
    request.unconfigured = false;
    if (request.pending) return PasskeyAutofillInput.showArmed(request);
    const input = ownerOf(request);
    if (!input || input.unsupported || isLeaving()) return;
    request.pending = true;
    try {
      // Wait for our buttons' ceremonies and the page's own to end: the browser allows one request at a time.
      await whenNoModal();
      await whenNoForeign();
      const current = ownerOf(request);
      if (!current || current.unsupported || isLeaving()) return;
      request.lastAttempt = Date.now();
      // The options are asked for at once: the browser's answer to "is autofill available?" (tens of
      // milliseconds) comes while they are on their way, not before.
      const supported = supportsAutofill();
      const outcome = await (current.runsConditional()
        ? current.conditionalSignIn(request, supported)
        : current.sdkSignIn(request, supported));
      if (!outcome) return;
      request.pending = false;
      PasskeyAutofillInput.showArmed(request, false);
      // The result goes to whoever owns the request now; with no input left on the page, nobody wants it.
      const target = ownerOf(request);
      if (!target) return;
      switch (outcome.kind) {
        case 'success':
          request.retryDelay = 0;
          await target.succeed(new PasskeySigninSuccessEvent(outcome.data), { token: outcome.data.token });
          return;
        case 'aborted':
          // A ceremony took over (one of our buttons, or the page's own), or the challenge was renewed: re-arm when
          // the page is idle again, unless someone signed the person in. The SDK's autofill (in browsers without
          // JSON WebAuthn) cannot tell the page's own SDK ceremony apart, which re-arming would abort: the page
          // calls arm() then.
          if (modalRunning() || current.runsConditional()) {
            void whenNoModal()
              .then(whenNoForeign)
              .then(() => {
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
          if (outcome.code === 'not-configured') {
            request.unconfigured = true;
            return;
          }
      }
      if (successAccepted() || isLeaving()) return;
      // Growing pauses keep a failing server or an empty authenticator from turning this into a busy loop.
      request.retryDelay = Math.min(Math.max(request.retryDelay * 2, FIRST_RETRY_MS), MAX_RETRY_MS);
      request.retryTimer = setTimeout(() => void PasskeyAutofillInput.armRequest(request), request.retryDelay);
    } finally {
      request.pending = false;
      PasskeyAutofillInput.showArmed(request, false);
    }
  }

  /** Whether autofill runs here as the elements' own conditional request (else through the SDK's `signIn`). */
  private runsConditional(): boolean {
    return jsonWebAuthn() && (!this.client || isDirect(this.client));
  }

  /**
   * Autofill run by the elements (see conditional.ts): the options are fetched the moment the input connects, and
   * the browser's request opens as they arrive; the SDK is needed only to verify the passkey the person picks.
   * The request is renewed shortly before its challenge expires. Undefined when autofill is not offered here.
   */
  private async conditionalSignIn(
    request: AutofillRequest,
    supported: Promise<boolean>,
  ): Promise<Outcome<PasskeySigninSuccessDetail> | undefined> {
    const error = this.configError();
    if (error) return error;
    const client = this.client as DirectClient | undefined;
    const config = resolveConfig(this)!;
    const options = client ? this.engine().then((engine) => engine.prepareSignIn(client)) : this.signInOptions(config);
    if (!(await supported)) return undefined;
    const prepared = await options.catch((error: unknown) => unreachable(error, 'Loading the Authsignal SDK'));
    if (prepared.kind !== 'success') return prepared;
    const renew = (request.open = new AbortController());
    const timer = setTimeout(() => renew.abort(), prepared.data.freshUntil - Date.now());
    let credential: PublicKeyCredential;
    try {
      const pending = conditionalGet(prepared.data.options as PublicKeyCredentialRequestOptionsJSON, renew.signal);
      PasskeyAutofillInput.showArmed(request, true);
      // The SDK verifies the passkey the person picks: it loads now, off the way to the armed request.
      this.engine().catch(() => {});
      credential = await pending;
    } catch (error) {
      if ((error as Error).name === 'AbortError') return { kind: 'aborted' };
      return this.engine().then(
        (engine) => engine.settle(() => Promise.reject(error)),
        (failed: unknown) => unreachable(failed, 'Loading the Authsignal SDK'),
      );
    } finally {
      clearTimeout(timer);
      request.open = undefined;
      releaseConditional(renew, false);
    }
    try {
      const engine = await this.engine();
      return toSigninDetail(await engine.finish(client ?? (engine.sharedClient(config) as DirectClient), prepared.data, credential));
    } catch (error) {
      return unreachable(error, 'Loading the Authsignal SDK');
    }
  }

  /** Sign-in options for the shared client, fetched without waiting for the SDK (see conditional.ts). */
  private async signInOptions(config: ClientConfig): Promise<Outcome<Prepared>> {
    let answer: OptionsAnswer;
    try {
      answer = await signInOptionsFor(config);
    } catch (error) {
      return unreachable(error, 'Fetching passkey options');
    }
    const { challengeId, options } = answer;
    if (challengeId && options) {
      // Usable for 80 % of the lifetime the server gave them, as the buttons' prefetched options.
      return { kind: 'success', data: { challengeId, options, freshUntil: Date.now() + (options.timeout ?? 60_000) * 0.8 } };
    }
    return (await this.engine()).settle(async () => ({ error: 'No options in the answer', ...answer }));
  }

  /** Autofill through the SDK's own `signIn({ autofill: true })`, where the browser has no JSON WebAuthn. */
  private async sdkSignIn(request: AutofillRequest, supported: Promise<boolean>) {
    holdSdkAutofill(1);
    const signIn = this.withClient((client) => client.passkey.signIn({ autofill: true })).finally(() => holdSdkAutofill(-1));
    if (!(await supported)) return undefined;
    PasskeyAutofillInput.showArmed(request, true);
    return toSigninDetail(await signIn);
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
    // A new element in the place of one that left: it takes the open request back from the next page's.
    if (request.open) releaseConditional(request.open, false);
    // From now on, a ceremony of the page's own is seen, and autofill waits for it rather than collide.
    if (jsonWebAuthn()) guard();
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
      // Kept open for a framework that puts a new input in this one's place, unless a request of ours needs the
      // browser first (the next page's automatic upgrade).
      if (request.open) releaseConditional(request.open);
    }
  }

  /**
   * Arms passkey autofill. It happens by itself on connection, after the elements' own button ceremonies and after
   * every autofill that ended without signing in. Call it after a success your page handled without leaving, and
   * after a ceremony your page ran with the SDK directly (starting one aborts autofill). The promise settles when
   * that request ends (a passkey picked, an error, an abort), which may be long after: do not wait for it; the
   * `armed` state says when passkeys are offered.
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
