/**
 * `authsignal-passkey-elements/testing`: helpers for an app's own Playwright tests of its passkey pages
 * (Node only). A WebAuthn virtual authenticator in Chromium, a test user's passkey registered through the
 * (local) Authsignal server, sign-in by autofill and by button, and the elements' events as recorded.
 * See the README's "Testing your app".
 */
export {
  addVirtualAuthenticator,
  attachVirtualAuthenticator,
  virtualAuthenticatorOf,
  type AuthenticatorSignal,
  type VirtualAuthenticator,
  type VirtualAuthenticatorOptions,
  type VirtualCredential,
  type WaitForSignalOptions,
} from './virtual-authenticator.js';
export { registerPasskey, type RegisterPasskeyOptions, type RegisteredPasskey } from './register-passkey.js';
export {
  recordPasskeyEvents,
  PASSKEY_EVENT_TYPES,
  type NextEventOptions,
  type PasskeyEvents,
  type PasskeyEventType,
  type RecordedPasskeyEvent,
} from './events.js';
export { signInWithAutofill, signInWithButton, type SignInOptions, type SignInResult, type SignInWithButtonOptions } from './sign-in.js';
export { LOCAL_SERVER, trackAction, validateToken, type AuthsignalServer, type ValidatedToken } from './server.js';
export { passkeyCommands, type PasskeyCommandsOptions, type PasskeyCommandsPlugin } from './web-test-runner.js';
