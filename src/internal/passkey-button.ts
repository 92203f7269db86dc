import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { PasskeyElement } from './passkey-element.js';
import { buttonStyles, passkeyIcon } from './button.styles.js';
import { runModal } from './coordination.js';

/** What both buttons share: a real `<button>`, `disabled`, the busy state, and one ceremony at a time. */
export abstract class PasskeyButton extends PasskeyElement {
  static override styles = buttonStyles;
  static override shadowRootOptions = { ...PasskeyElement.shadowRootOptions, delegatesFocus: true };

  @property({ type: Boolean, reflect: true }) disabled = false;

  /** Set while the ceremony runs. */
  @property({ type: Boolean, reflect: true }) busy = false;

  /** The label shown when nothing is slotted. */
  protected abstract readonly label: string;

  /** What a click does. */
  protected abstract run(): Promise<void>;

  override render() {
    return html`<button
      part="button"
      type="button"
      ?disabled=${this.disabled || this.unsupported}
      aria-busy=${this.busy}
      @click=${this.start}
    >
      ${this.busy
        ? html`<span part="spinner" aria-hidden="true"></span>`
        : html`<slot name="icon">${passkeyIcon}</slot>`}
      <slot>${this.label}</slot>
    </button>`;
  }

  /** Runs the ceremony unless one is already running; it pauses any pending passkey autofill. */
  protected async start(): Promise<void> {
    if (this.busy || this.disabled) return;
    this.busy = true;
    try {
      await runModal(() => this.run());
    } finally {
      this.busy = false;
    }
  }
}
