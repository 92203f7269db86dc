import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { resolveConfig, sharedClient, type PasskeyClient } from './client.js';
import { failure, OFFLINE, settle, type Outcome } from './outcome.js';
import { postToCallback } from './callback.js';
import { supportsWebAuthn } from './support.js';

/** What the three elements share: configuration, the SDK client, support detection and the callback post. */
export class PasskeyElement extends LitElement {
  /** Authsignal tenant id. Falls back to `configurePasskeyElements()` and `<meta name="authsignal-tenant-id">`. */
  @property({ attribute: 'tenant-id' }) tenantId?: string;

  /** Authsignal client API URL, e.g. `https://api.authsignal.com/v1` (the default) or a local server's. */
  @property({ attribute: 'base-url' }) baseUrl?: string;

  /**
   * Where a successful ceremony POSTs its token as a form (field `token`), unless a listener called
   * `preventDefault()` on the success event. The token never goes into a URL.
   */
  @property({ attribute: 'callback-url' }) callbackUrl?: string;

  /** Sent with the callback form as `returnUrl`, for the server to redirect to afterwards. */
  @property({ attribute: 'return-url' }) returnUrl?: string;

  /** Set by the element when the browser has no WebAuthn (or by the page, to preview it): style it; the element stays harmless. */
  @property({ type: Boolean, reflect: true }) unsupported = false;

  /** An SDK client to use instead of the shared one (tests, or a client you configured yourself). */
  @property({ attribute: false }) client?: PasskeyClient;

  override connectedCallback(): void {
    super.connectedCallback();
    // An author (or a design preview) may set `unsupported` to show the fallback; otherwise detect it.
    this.unsupported ||= !supportsWebAuthn();
  }

  /** Runs one SDK call with this element's client and maps its result; configuration errors become outcomes. */
  protected async withClient<T>(call: (client: PasskeyClient) => Promise<{ data?: T }>): Promise<Outcome<T>> {
    if (this.unsupported) return failure('unsupported', 'This browser does not support passkeys.');
    let client = this.client;
    if (!client) {
      const config = resolveConfig(this);
      if (!config) return failure('not-configured', 'Set tenant-id on the element or configure the page.');
      try {
        client = await sharedClient(config);
      } catch {
        return failure('network', OFFLINE);
      }
    }
    const ready = client;
    return settle(() => call(ready));
  }

  /** Dispatches a cancelable success event, then posts to `callback-url` unless a listener said no. */
  protected succeed(event: Event, fields: Record<string, string | undefined>): void {
    if (this.dispatchEvent(event) && this.callbackUrl) {
      postToCallback(this.callbackUrl, { ...fields, returnUrl: this.returnUrl });
    }
  }
}
