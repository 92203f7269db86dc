import { css, html } from 'lit';

/**
 * Shared look of both buttons. Custom properties are read with fallbacks (never set on :host),
 * so a page can theme every passkey button from :root; `light-dark()` follows the page's color-scheme.
 */
export const buttonStyles = css`
  :host {
    display: inline-block;
  }
  :host([hidden]) {
    display: none;
  }
  [part='button'] {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--passkey-button-gap, 0.5em);
    box-sizing: border-box;
    width: 100%;
    min-height: 2.75em;
    padding: var(--passkey-button-padding, 0.625em 1.25em);
    border: var(--passkey-button-border, 1px solid transparent);
    border-radius: var(--passkey-button-radius, 6px);
    background: var(--passkey-button-background, light-dark(#1d4ed8, #93b4ff));
    color: var(--passkey-button-color, light-dark(#fff, #0b1530));
    font: var(--passkey-button-font, inherit);
    font-weight: var(--passkey-button-font-weight, 600);
    cursor: pointer;
    transition: filter 120ms ease;
  }
  [part='button']:hover:not(:disabled) {
    filter: brightness(1.08);
  }
  [part='button']:focus-visible {
    outline: var(--passkey-button-focus-ring, 3px solid light-dark(#1d4ed8, #93b4ff));
    outline-offset: 2px;
  }
  [part='button']:disabled {
    cursor: not-allowed;
    opacity: var(--passkey-button-disabled-opacity, 0.55);
  }
  :host([busy]) [part='button'] {
    cursor: progress;
    opacity: 1;
  }
  [part='icon'],
  [part='spinner'] {
    width: 1.25em;
    height: 1.25em;
    flex: none;
  }
  [part='spinner'] {
    border: 2px solid currentColor;
    border-right-color: transparent;
    border-radius: 50%;
    box-sizing: border-box;
    animation: spin 0.8s linear infinite;
  }
  [role='status'] {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    [part='spinner'] {
      animation-duration: 2.4s;
    }
  }
`;

/** A person and a key, after the FIDO Alliance's passkey symbol. */
export const passkeyIcon = html`<svg part="icon" viewBox="0 0 24 24" fill="currentColor" aria-hidden="true"><circle cx="9" cy="7" r="4"/><path d="M1 21a8 8 0 0 1 13-6.5V21z"/><circle cx="19" cy="11" r="3.5"/><path d="M18 13h2v3h1.5v2H20v1.5L19 21l-1-1.5z"/></svg>`;
