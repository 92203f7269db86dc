/**
 * JSX typings for React 19: `import type {} from 'authsignal-passkey-elements/react';` once in your app.
 * React 19 passes custom-element attributes through and attaches `on<event-name>` props as listeners
 * for events of that exact name, e.g. `onpasskey-signin-success`.
 */
import type { DOMAttributes, RefAttributes } from 'react';
import type {
  AddPasskeyButton,
  PasskeyAddCancelEvent,
  PasskeyAddErrorEvent,
  PasskeyAddSuccessEvent,
  PasskeyAutofillInput,
  PasskeySigninButton,
  PasskeySigninCancelEvent,
  PasskeySigninErrorEvent,
  PasskeySigninSuccessEvent,
} from 'authsignal-passkey-elements';

interface Common<T> extends DOMAttributes<T>, RefAttributes<T> {
  class?: string;
  className?: string;
  id?: string;
  slot?: string;
  hidden?: boolean;
  style?: import('react').CSSProperties;
  'tenant-id'?: string;
  'base-url'?: string;
  'callback-url'?: string;
  'return-url'?: string;
}

interface SigninEvents {
  'onpasskey-signin-success'?: (event: PasskeySigninSuccessEvent) => void;
  'onpasskey-signin-cancel'?: (event: PasskeySigninCancelEvent) => void;
  'onpasskey-signin-error'?: (event: PasskeySigninErrorEvent) => void;
}

interface AddEvents {
  'onpasskey-add-success'?: (event: PasskeyAddSuccessEvent) => void;
  'onpasskey-add-cancel'?: (event: PasskeyAddCancelEvent) => void;
  'onpasskey-add-error'?: (event: PasskeyAddErrorEvent) => void;
}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'passkey-autofill-input': Common<PasskeyAutofillInput> & SigninEvents;
      'passkey-signin-button': Common<PasskeySigninButton> & SigninEvents & { action?: string; disabled?: boolean };
      'add-passkey-button': Common<AddPasskeyButton> &
        AddEvents & {
          token?: string;
          'token-url'?: string;
          username?: string;
          'display-name'?: string;
          'authenticator-attachment'?: 'platform' | 'cross-platform' | 'any';
          disabled?: boolean;
        };
    }
  }
}
