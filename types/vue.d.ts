/**
 * Template typings for Vue 3: `import type {} from 'authsignal-passkey-elements/vue';` once in your app,
 * and tell Vue these are custom elements: `compilerOptions.isCustomElement = (tag) => tag.includes('passkey')`.
 */
import type { DefineComponent } from 'vue';
import type {
  AddPasskeyButtonAttributes,
  PasskeyAutofillInputAttributes,
  PasskeySigninButtonAttributes,
} from './attributes.js';

declare module 'vue' {
  interface GlobalComponents {
    'passkey-autofill-input': DefineComponent<PasskeyAutofillInputAttributes<'onPasskey'>>;
    'passkey-signin-button': DefineComponent<PasskeySigninButtonAttributes<'onPasskey'>>;
    'add-passkey-button': DefineComponent<AddPasskeyButtonAttributes<'onPasskey'>>;
  }
}

export {};
