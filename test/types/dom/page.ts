// Compile-only (tsc, in npm test): plain TypeScript with no framework. The tags are in HTMLElementTagNameMap and
// the events in GlobalEventHandlersEventMap, so queries, createElement and listeners are typed.
import 'authsignal-passkey-elements';
import { configurePasskeyElements, registerPasskeyMessages, type PasskeyClient } from 'authsignal-passkey-elements';

configurePasskeyElements({ tenantId: 'local-tenant', baseUrl: 'http://localhost:5050/v1', requestTimeout: 5000 });
registerPasskeyMessages('de', { signIn: 'Mit Passkey anmelden' });

const button = document.querySelector('passkey-signin-button')!;
button.action = 'checkout';
button.requestTimeout = 5000;
button.addEventListener('passkey-signin-success', (e) => e.detail.token.length);
button.addEventListener('passkey-signin-error', (e) => e.detail.code === 'timeout');

const add = document.createElement('add-passkey-button');
add.tokenUrl = '/api/passkeys/enrollment-token';
add.authenticatorAttachment = 'cross-platform';
add.tokenRequest = (init) => ({ ...init, credentials: 'include' });
add.addEventListener('passkey-add-success', (e) => e.detail.userAuthenticatorId);

const input = document.querySelector('passkey-autofill-input')!;
input.input?.focus();
document.addEventListener('passkey-signin-success', (e) => e.detail.userId); // they bubble and are composed

// A fake client for a test: the shape the elements call, nothing from the SDK's own types.
const fake: PasskeyClient = {
  passkey: {
    signIn: async () => ({ data: { isVerified: true, token: 't', userId: 'u' } }),
    signUp: async () => ({ errorCode: 'expired_token' }),
  },
};
button.client = fake;

// @ts-expect-error: a misspelt property
button.tokenURL = '/t';
// @ts-expect-error: not one of platform, cross-platform, any
add.authenticatorAttachment = 'usb';
// @ts-expect-error: milliseconds are a number
button.requestTimeout = '5000';
// @ts-expect-error: busy is read-only: the element sets it
button.busy = true;
// @ts-expect-error: an add-passkey event has no userId
add.addEventListener('passkey-add-success', (e) => e.detail.userId);
// @ts-expect-error: a sign-in error's code is one of the documented codes
button.addEventListener('passkey-signin-error', (e) => e.detail.code === 'cancelled');
// @ts-expect-error: a fake client must answer as the SDK does
button.client = { passkey: { signIn: async () => 'token' } };
