// An app's code against the installed package (copied into a temp folder by package.types.test.ts and compiled
// with tsc under moduleResolution bundler, node16 and nodenext, each with and without skipLibCheck).
import { configurePasskeyElements, PasskeySigninButton, type PasskeyClient, type PasskeySigninSuccessEvent } from 'authsignal-passkey-elements';
import { AddPasskeyButton } from 'authsignal-passkey-elements/add-passkey-button.js';
import 'authsignal-passkey-elements/passkey-autofill-input/define.js';
import { PasskeyAddErrorEvent, type PasskeyErrorCode } from 'authsignal-passkey-elements/events.js';

configurePasskeyElements({ tenantId: 'local-tenant', baseUrl: 'http://localhost:5050/v1' });
const button = document.querySelector('passkey-signin-button')!;
button.addEventListener('passkey-signin-success', (e) => e.detail.token.length);
export const typed: PasskeySigninButton = button;
export const code = (e: PasskeyAddErrorEvent): PasskeyErrorCode => e.detail.code;
export const user = (e: PasskeySigninSuccessEvent) => e.detail.userId;
export const attachment = (x: AddPasskeyButton) => x.authenticatorAttachment;

// The injected client is the package's own type, never `any` (it was, under node16 with skipLibCheck).
const client: PasskeyClient = { passkey: { signIn: async () => ({}), signUp: async () => ({}) } };
button.client = client;
// @ts-expect-error: a client must have passkey.signIn and passkey.signUp
button.client = { passkey: {} };
