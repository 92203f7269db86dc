/** Defines all three elements and re-exports their classes, events and types. */
import './internal/early.js';
export { PasskeyAutofillInput } from './passkey-autofill-input/define.js';
export { PasskeySigninButton } from './passkey-signin-button/define.js';
export { AddPasskeyButton } from './add-passkey-button/define.js';
export * from './events.js';
export { configurePasskeyElements, type PasskeyClient, type PasskeyElementsConfig } from './internal/client.js';
export { registerPasskeyMessages, type PasskeyMessages } from './internal/messages.js';
