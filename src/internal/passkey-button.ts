import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { PasskeyElement } from './passkey-element.js';
import { buttonStyles, passkeyIcon } from './button.styles.js';
import { isLeaving, runModal } from './coordination.js';
import type { PasskeyMessages } from './messages.js';

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
    let status = '';
    try {
      status = await runModal(() => this.run());
    } finally {
      this.setBusy(false, status);
    }
  }

  private setBusy(busy: boolean, status: string): void {
    this.setState('busy', busy);
    this.status = status;
    this.requestUpdate();
  }
}
