/**
 * Template typings for Vue 3: `import type {} from 'authsignal-passkey-elements/vue';` once in your app,
 * and tell Vue these are custom elements: `compilerOptions.isCustomElement = (tag) => tag.includes('passkey')`.
 */
import type { DefineComponent } from 'vue';
import type {
  PasskeyAddSuccessEvent,
  PasskeyErrorDetail,
  PasskeySigninSuccessEvent,
} from 'authsignal-passkey-elements';

interface Common {
  'tenant-id'?: string;
  'base-url'?: string;
  'callback-url'?: string;
  'return-url'?: string;
}

declare module 'vue' {
  interface GlobalComponents {
    'passkey-autofill-input': DefineComponent<
      Common & {
        'onPasskey-signin-success'?: (event: PasskeySigninSuccessEvent) => void;
        'onPasskey-signin-cancel'?: (event: Event) => void;
        'onPasskey-signin-error'?: (event: Event & { detail: PasskeyErrorDetail }) => void;
      }
    >;
    'passkey-signin-button': DefineComponent<
      Common & {
        action?: string;
        disabled?: boolean;
        'onPasskey-signin-success'?: (event: PasskeySigninSuccessEvent) => void;
        'onPasskey-signin-cancel'?: (event: Event) => void;
        'onPasskey-signin-error'?: (event: Event & { detail: PasskeyErrorDetail }) => void;
      }
    >;
    'add-passkey-button': DefineComponent<
      Common & {
        token?: string;
        'token-url'?: string;
        username?: string;
        'display-name'?: string;
        'authenticator-attachment'?: 'platform' | 'cross-platform' | 'any';
        disabled?: boolean;
        'onPasskey-add-success'?: (event: PasskeyAddSuccessEvent) => void;
        'onPasskey-add-cancel'?: (event: Event) => void;
        'onPasskey-add-error'?: (event: Event & { detail: PasskeyErrorDetail }) => void;
      }
    >;
  }
}

export {};
