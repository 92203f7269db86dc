/**
 * Every event the elements dispatch: one class each, dispatched on the element, `bubbles` and `composed`.
 */

/** Stable error codes: branch on these, show `message` to people (it is in their language). */
export type PasskeyErrorCode =
  /** The browser has no WebAuthn. */
  | 'unsupported'
  /** No tenant id: set `tenant-id`, `configurePasskeyElements()` or `<meta name="authsignal-tenant-id">`. */
  | 'not-configured'
  /** The Authsignal API (or `token-url`) could not be reached, or answered something that is not JSON. */
  | 'network'
  /** The Authsignal API (or `token-url`) did not answer within the request timeout. */
  | 'timeout'
  /** `<add-passkey-button>` has neither `token` nor `token-url`. */
  | 'token-missing'
  /** `token-url` answered with an error or without `{ "token": "…" }`. */
  | 'token-fetch-failed'
  /** The enrollment token has expired: get a fresh one from the server. */
  | 'token-expired'
  /** This authenticator already holds a passkey for this user. */
  | 'already-registered'
  /** The passkey used is not (or no longer) registered: it was removed from the account. */
  | 'unknown-passkey'
  /** The ceremony completed but Authsignal did not verify it. */
  | 'not-verified'
  /** Authsignal answered with an error (`cause` has its description). */
  | 'server'
  /** The browser refused the ceremony for another reason (wrong RP ID, insecure page…). */
  | 'webauthn';

export interface PasskeyErrorDetail {
  readonly code: PasskeyErrorCode;
  /** A sentence for the person, in the element's language (see `registerPasskeyMessages`). */
  readonly message: string;
  /** For the developer, never for the person: the backend's description or the browser's error text. */
  readonly cause?: string;
}

export interface PasskeySigninSuccessDetail {
  /** What the page's server must validate (`validateChallenge`). Never put it in a URL. */
  readonly token: string;
  readonly userId: string;
  readonly username?: string;
  readonly displayName?: string;
  readonly userAuthenticatorId?: string;
}

export interface PasskeyAddSuccessDetail {
  /** Proof of the new passkey for the page's server. */
  readonly token: string;
  readonly userAuthenticatorId?: string;
}

const init = { bubbles: true, composed: true };

/** A passkey signed someone in. Cancelable: `preventDefault()` stops the `callback-url` form post. */
export class PasskeySigninSuccessEvent extends Event {
  static readonly type = 'passkey-signin-success';
  constructor(readonly detail: PasskeySigninSuccessDetail) {
    super(PasskeySigninSuccessEvent.type, { ...init, cancelable: true });
  }
}

/** The person dismissed the passkey prompt, or has no passkey here. Not an error. */
export class PasskeySigninCancelEvent extends Event {
  static readonly type = 'passkey-signin-cancel';
  readonly detail = {};
  constructor() {
    super(PasskeySigninCancelEvent.type, init);
  }
}

export class PasskeySigninErrorEvent extends Event {
  static readonly type = 'passkey-signin-error';
  constructor(readonly detail: PasskeyErrorDetail) {
    super(PasskeySigninErrorEvent.type, init);
  }
}

/** A new passkey was created. Cancelable: `preventDefault()` stops the `callback-url` form post. */
export class PasskeyAddSuccessEvent extends Event {
  static readonly type = 'passkey-add-success';
  constructor(readonly detail: PasskeyAddSuccessDetail) {
    super(PasskeyAddSuccessEvent.type, { ...init, cancelable: true });
  }
}

/** The person dismissed the prompt to create a passkey. Not an error. */
export class PasskeyAddCancelEvent extends Event {
  static readonly type = 'passkey-add-cancel';
  readonly detail = {};
  constructor() {
    super(PasskeyAddCancelEvent.type, init);
  }
}

export class PasskeyAddErrorEvent extends Event {
  static readonly type = 'passkey-add-error';
  constructor(readonly detail: PasskeyErrorDetail) {
    super(PasskeyAddErrorEvent.type, init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'passkey-signin-success': PasskeySigninSuccessEvent;
    'passkey-signin-cancel': PasskeySigninCancelEvent;
    'passkey-signin-error': PasskeySigninErrorEvent;
    'passkey-add-success': PasskeyAddSuccessEvent;
    'passkey-add-cancel': PasskeyAddCancelEvent;
    'passkey-add-error': PasskeyAddErrorEvent;
  }
}
