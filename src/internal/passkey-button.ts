import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { PasskeyElement } from './passkey-element.js';
import { buttonStyles, passkeyIcon } from './button.styles.js';
import { acceptSuccess, afterLoad, isLeaving, runModal, sdkAutofillPending, successAccepted } from './coordination.js';
import type { PasskeyMessages } from './messages.js';
import { isDirect, requestTimeout, resolveCsrf, tokenRequestHook, unreachable } from './client.js';
import { abortConditional } from './conditional.js';
import type { DirectClient, Prepared } from './direct.js';
import type { Outcome } from './outcome.js';
import type { PasskeyErrorDetail } from '../events.js';

/** The host's naming attributes, passed on to the inner button. */
const NAMING = ['aria-label', 'aria-labelledby'];

/** What both buttons share: a real `<button>`, `disabled`, the busy state, announcements, one ceremony at a time. */
export abstract class PasskeyButton extends PasskeyElement {
  static override styles = buttonStyles;
  static override shadowRootOptions = { ...PasskeyElement.shadowRootOptions, delegatesFocus: true };

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, ...NAMING];
  }

  @property({ type: Boolean, reflect: true }) disabled = false;

  /**
   * A token your server got from Authsignal's `track` for the signed-in person: required to add a passkey
   * (scope `add:authenticators`); on the sign-in button it makes the ceremony a re-authentication (step-up) of
   * that person for the tracked action. Takes precedence over `token-url`.
   */
  @property() token?: string;

  /**
   * Where to get that token when there is none: POST, same-origin cookies, the anti-forgery header; answers
   * `{ "token": "…" }`. Fetched ahead with the options. `tokenRequest` (or `configurePasskeyElements({ tokenRequest })`)
   * can reshape the request.
   */
  @property({ attribute: 'token-url' }) tokenUrl?: string;

  /** Shapes the `token-url` request before it is sent: return the `RequestInit` to use (headers, credentials…). */
  @property({ attribute: false }) tokenRequest?: (init: RequestInit) => RequestInit | Promise<RequestInit>;

  /** True while the ceremony runs (read-only; style it with `[busy]` or `:state(busy)`). */
  get busy(): boolean {
    return this.hasState('busy');
  }

  /** What is announced to assistive technology: the ceremony started, and how it ended. */
  private status = '';

  /** The message key of the label shown when nothing is slotted. */
  protected abstract readonly label: keyof PasskeyMessages;

  /** What a click does; returns the outcome to announce. */
  protected abstract run(): Promise<string>;

  /** Fetches what the ceremony needs before the prompt (options with their challenge; an enrollment token). */
  protected abstract prepare(client: DirectClient): Promise<Outcome<Prepared>>;

  /**
   * Options fetched ahead of the click, so the click opens the prompt with no network round trip: one set per
   * element, fetched after the page has loaded when the button is on screen, hovered or focused, and again
   * shortly before its challenge expires while the page is visible. A challenge is spent by one ceremony.
   */
  private ready?: Prepared;
  /** Counts the changes that make options stale (see `updated`): options asked for before one are not kept. */
  private generation = 0;
  private preparing?: Promise<void>;
  private refresh?: ReturnType<typeof setTimeout>;
  private visible?: IntersectionObserver;
  private readonly prefetch = (): void => {
    if (!this.isConnected || this.preparing || this.busy || this.disabled || document.hidden || isLeaving()) return;
    if (this.ready && this.ready.freshUntil > Date.now()) return;
    const generation = this.generation;
    this.preparing = (async () => {
      const client = await this.directClient();
      const outcome = client && !sdkAutofillPending() ? await this.prepare(client) : undefined;
      // A failure here says nothing: the click fetches again, and reports what it meets then. Options for what
      // the element was before a change, or for an element no longer on the page, are not kept either.
      if (outcome?.kind !== 'success' || generation !== this.generation || !this.isConnected) return;
      this.ready = outcome.data;
      clearTimeout(this.refresh);
      this.refresh = setTimeout(this.prefetch, outcome.data.freshUntil - Date.now());
    })()
      .catch(() => {})
      .finally(() => (this.preparing = undefined));
  };

  override connectedCallback(): void {
    super.connectedCallback();
    afterLoad(() => {
      if (!this.isConnected || this.visible) return;
      this.visible = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && this.prefetch());
      this.visible.observe(this);
    });
    for (const type of ['pointerenter', 'focusin']) this.addEventListener(type, this.prefetch);
    document.addEventListener('visibilitychange', this.prefetch);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.visible?.disconnect();
    this.visible = undefined;
    clearTimeout(this.refresh);
    for (const type of ['pointerenter', 'focusin']) this.removeEventListener(type, this.prefetch);
    document.removeEventListener('visibilitychange', this.prefetch);
  }

  /**
   * Dispatches what the ceremony came to (success, then the `callback-url` post; error; or cancel) and returns
   * what to announce. `success` builds the success event, the callback fields and the announcement's key.
   */
  protected async report<T>(
    outcome: Outcome<T>,
    success: (data: T) => [Event, Record<string, string | undefined>, keyof PasskeyMessages],
    ErrorEvent: new (detail: PasskeyErrorDetail) => Event,
    CancelEvent: new () => Event,
  ): Promise<string> {
    if (outcome.kind === 'success') {
      const [event, fields, announced] = success(outcome.data);
      await this.succeed(event, fields);
      return this.text(announced);
    }
    if (outcome.kind === 'error') {
      const detail = await this.errorDetail(outcome.code, outcome.cause);
      this.dispatchEvent(new ErrorEvent(detail));
      return detail.message;
    }
    // "aborted" here can only mean another ceremony took over, which the person also left.
    this.dispatchEvent(new CancelEvent());
    return this.text('cancelled');
  }

  /** `token`, else one fetched from `token-url`; `token-missing` when there is neither. */
  protected async serverToken(): Promise<string | Outcome<never>> {
    if (this.token) return this.token;
    if (!this.tokenUrl) return { kind: 'error', code: 'token-missing', cause: `Set token or token-url on <${this.localName}>.` };
    const csrf = resolveCsrf(this);
    let init: RequestInit = {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', ...(csrf.token ? { [csrf.header]: csrf.token } : {}) },
    };
    const shape = this.tokenRequest ?? tokenRequestHook();
    try {
      if (shape) init = await shape(init);
      return await (await this.engine()).fetchToken(this.tokenUrl, init, requestTimeout(this));
    } catch (error) {
      return unreachable(error, this.tokenUrl);
    }
  }

  /** Prefetched options stay usable while `token` is the one they were issued for (or `token-url` fetched it). */
  protected readonly sameToken = (ready: Prepared) => !this.token || ready.token === this.token;

  /** A changed attribute or property may change the options (action, token, username…): fetch them again. */
  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.size) return;
    this.ready = undefined;
    this.generation++;
  }

  /** The shared SDK client (or the injected one) when it can run a prefetched ceremony here; else undefined. */
  protected async directClient(): Promise<DirectClient | undefined> {
    const client = await this.sdkClient();
    return !('kind' in client) && isDirect(client) ? client : undefined;
  }

  /**
   * Runs the ceremony from prefetched options (or options fetched now when there are none, or they are close to
   * expiring); undefined when it must be the SDK's own ceremony (no JSON WebAuthn in this browser, a client
   * without the SDK's API, or an SDK autofill request pending, which only an SDK ceremony can abort).
   */
  protected async runDirect(kind: 'get' | 'create', usable = (_: Prepared) => true) {
    const client = await this.directClient().catch(() => undefined);
    if (!client || sdkAutofillPending()) return undefined;
    // Options on their way already (the click came during the prefetch): wait for them rather than ask twice.
    await this.preparing;
    let ready = this.ready;
    this.ready = undefined;
    if (!ready || ready.freshUntil <= Date.now() || !usable(ready)) {
      const outcome = await this.prepare(client);
      if (outcome.kind !== 'success') return outcome;
      ready = outcome.data;
    }
    return (await this.engine()).run(client, ready, kind);
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name.startsWith('aria-')) this.requestUpdate();
  }

  override render() {
    return html`<button
        part="button"
        type="button"
        ?disabled=${this.disabled || this.unsupported}
        aria-busy=${this.busy}
        aria-label=${this.hostLabel() ?? nothing}
        @click=${this.start}
      >
        ${this.busy
          ? html`<span part="spinner" aria-hidden="true"></span>`
          : html`<slot name="icon">${passkeyIcon}</slot>`}
        <slot>${this.text(this.label)}</slot>
      </button>
      <span role="status">${this.status}</span>`;
  }

  /** A name given to the host (`aria-labelledby`, then `aria-label`) is the inner button's name. */
  private hostLabel(): string | undefined {
    const root = this.getRootNode() as Document | ShadowRoot;
    const labelledBy = (this.getAttribute('aria-labelledby') ?? '')
      .split(/\s+/)
      .map((id) => id && root.getElementById?.(id)?.textContent?.trim())
      .filter(Boolean)
      .join(' ');
    return labelledBy || this.getAttribute('aria-label') || undefined;
  }

  /** Runs the ceremony unless one is already running or the page is leaving; it pauses passkey autofill. */
  protected async start(): Promise<void> {
    if (this.busy || this.disabled || isLeaving()) return;
    this.setBusy(true, this.text('waiting'));
    // A new attempt: what it comes to decides whether the page is signing in.
    acceptSuccess(false);
    let status = '';
    try {
      status = await runModal(() => {
        abortConditional();
        return this.run();
      });
    } finally {
      this.setBusy(false, status);
      // Ready for the next click, unless the page is signing the person in.
      if (!successAccepted()) this.prefetch();
    }
  }

  private setBusy(busy: boolean, status: string): void {
    this.setState('busy', busy);
    this.status = status;
    this.requestUpdate();
  }
}
