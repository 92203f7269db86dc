import { LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { loadEngine, requestTimeout, resolveConfig, resolveCsrf, unreachable, type PasskeyClient } from './client.js';
import type { Outcome } from './outcome.js';
import { acceptSuccess, leave } from './coordination.js';
import { languageOf, loadLanguage, message, type PasskeyMessages } from './messages.js';
import { supportsWebAuthn } from './support.js';
import type { PasskeyErrorCode, PasskeyErrorDetail } from '../events.js';

/** States the element sets and the page can only read: reflected as attributes and as CSS custom states. */
type ReadOnlyState = 'busy' | 'armed' | 'registered';
const READ_ONLY: ReadOnlyState[] = ['busy', 'armed', 'registered'];

/** What the three elements share: configuration, the SDK client, states, strings, and the callback post. */
export class PasskeyElement extends LitElement {
  /** Authsignal tenant id. Falls back to `configurePasskeyElements()` and `<meta name="authsignal-tenant-id">`. */
  @property({ attribute: 'tenant-id' }) tenantId?: string;

  /** Authsignal client API URL, e.g. `https://api.authsignal.com/v1` (the default) or a local server's. */
  @property({ attribute: 'base-url' }) baseUrl?: string;

  /** Milliseconds each request may take before the ceremony ends with the `timeout` code (default 10000, at most 30000). */
  @property({ attribute: 'request-timeout', type: Number }) requestTimeout?: number;

  /**
   * Where a successful ceremony POSTs its token as a form (field `token`), unless a listener called
   * `preventDefault()` on the success event. The token never goes into a URL.
   */
  @property({ attribute: 'callback-url' }) callbackUrl?: string;

  /** Sent with the callback form as `returnUrl`, for the server to redirect to afterwards. */
  @property({ attribute: 'return-url' }) returnUrl?: string;

  /** The page's anti-forgery token. Default: `<meta name="csrf-token">` (Rails, Laravel). */
  @property({ attribute: 'csrf-token' }) csrfToken?: string;

  /** The form field that carries `csrf-token` in the callback post. Default: `<meta name="csrf-param">`. */
  @property({ attribute: 'csrf-field' }) csrfField?: string;

  /** The header that carries `csrf-token` on the `token-url` request. Default `X-CSRF-Token`. */
  @property({ attribute: 'csrf-header' }) csrfHeader?: string;

  /** Set by the element when the browser has no WebAuthn (or by the page, to preview it): style it; the element stays harmless. */
  @property({ type: Boolean, reflect: true }) unsupported = false;

  /** Replaces any of the strings this element shows or announces (see `PasskeyMessages`). */
  @property({ attribute: false }) messages?: Partial<PasskeyMessages>;

  /** An SDK client to use instead of the shared one (tests, or a client you configured yourself). */
  @property({ attribute: false }) client?: PasskeyClient;

  private readonly internals = this.attachInternals();
  private readonly states = new Set<ReadOnlyState>();

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, ...READ_ONLY];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    // `busy`, `armed` and `registered` are the element's to say: an attribute set from outside is put back.
    if ((READ_ONLY as string[]).includes(name)) {
      const state = name as ReadOnlyState;
      if ((value !== null) !== this.states.has(state)) this.toggleAttribute(name, this.states.has(state));
    } else {
      super.attributeChangedCallback(name, old, value);
    }
  }

  /** Sets a read-only state: the attribute and the custom state `:state(name)` follow it. */
  protected setState(name: ReadOnlyState | 'unsupported', on: boolean): void {
    if (name !== 'unsupported') {
      if (on) this.states.add(name);
      else this.states.delete(name);
      this.toggleAttribute(name, on);
    }
    try {
      if (on) this.internals.states.add(name);
      else this.internals.states.delete(name);
    } catch {
      // Browsers before CustomStateSet (or with only its `--name` form): the attribute is there to style.
    }
  }

  protected hasState(name: ReadOnlyState): boolean {
    return this.states.has(name);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // An author (or a design preview) may set `unsupported` to show the fallback; otherwise detect it.
    this.unsupported ||= !supportsWebAuthn();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('unsupported')) this.setState('unsupported', this.unsupported);
  }

  /** The first render waits for the element's language, so a German page never flashes English labels. */
  protected override async scheduleUpdate(): Promise<void> {
    await loadLanguage(languageOf(this));
    super.scheduleUpdate();
  }

  /** A string in this element's language. */
  protected text(key: keyof PasskeyMessages): string {
    return message(key, languageOf(this), this.messages);
  }

  /** An error's detail: the person's sentence in their language, the raw reason for developers. */
  protected async errorDetail(code: PasskeyErrorCode, cause?: string): Promise<PasskeyErrorDetail> {
    await loadLanguage(languageOf(this));
    // The English sentence of most codes comes with the ceremonies' chunk (loaded by now, unless it failed to).
    await this.engine().catch(() => {});
    return { code, message: this.text(code), cause };
  }

  /** The ceremonies' code and the SDK (one chunk, loaded once), within this element's request timeout. */
  protected engine() {
    return loadEngine(requestTimeout(this));
  }

  /** Why this element cannot run a ceremony at all (no WebAuthn, no tenant), if it cannot. */
  protected configError(): Outcome<never> | undefined {
    if (this.unsupported) return { kind: 'error', code: 'unsupported', cause: 'No PublicKeyCredential in this browser.' };
    if (!this.client && !resolveConfig(this)) {
      const cause = 'Set tenant-id on the element, or configurePasskeyElements(), or <meta name="authsignal-tenant-id">.';
      return { kind: 'error', code: 'not-configured', cause };
    }
    return undefined;
  }

  /**
   * This element's SDK client: the injected one, else the shared one for its configuration (loading the SDK);
   * an outcome when there can be none.
   */
  protected async sdkClient(): Promise<PasskeyClient | Outcome<never>> {
    const error = this.configError();
    if (error) return error;
    try {
      const engine = await this.engine();
      return this.client ?? engine.sharedClient(resolveConfig(this)!);
    } catch (error) {
      return unreachable(error, 'Loading the Authsignal SDK');
    }
  }

  /** Runs one SDK call with this element's client and maps its result; configuration errors become outcomes. */
  protected async withClient<T>(call: (client: PasskeyClient) => Promise<{ data?: T }>): Promise<Outcome<T>> {
    const client = await this.sdkClient();
    if ('kind' in client) return client;
    return (await this.engine()).settle(() => call(client));
  }

  /**
   * Dispatches a cancelable success event; unless a listener prevented it, the page is signing in (autofill does
   * not re-arm by itself) and the token is posted to `callback-url`, after which no element starts a ceremony.
   */
  protected async succeed(event: Event, fields: Record<string, string | undefined>): Promise<boolean> {
    if (!this.dispatchEvent(event)) return false;
    acceptSuccess();
    if (this.callbackUrl) {
      const csrf = resolveCsrf(this);
      leave(this);
      (await this.engine()).postToCallback(this.callbackUrl, {
        ...fields,
        returnUrl: this.returnUrl,
        ...(csrf.token && csrf.field ? { [csrf.field]: csrf.token } : {}),
      });
    }
    return true;
  }
}
