/**
 * JSX typings for React 19: `import type {} from 'authsignal-passkey-elements/react';` once in your app.
 * React 19 passes custom-element attributes through and attaches `on<event-name>` props as listeners
 * for events of that exact name, e.g. `onpasskey-signin-success`.
 */
import type { CSSProperties, DOMAttributes, RefAttributes } from 'react';
import type { AddPasskeyButton, PasskeyAutofillInput, PasskeySigninButton } from 'authsignal-passkey-elements';
import type {
  AddPasskeyButtonAttributes,
  PasskeyAutofillInputAttributes,
  PasskeySigninButtonAttributes,
} from './attributes.js';

interface ReactProps<T> extends DOMAttributes<T>, RefAttributes<T> {
  class?: string;
  className?: string;
  id?: string;
  slot?: string;
  hidden?: boolean;
  style?: CSSProperties;
}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'passkey-autofill-input': ReactProps<PasskeyAutofillInput> & PasskeyAutofillInputAttributes<'onpasskey'>;
      'passkey-signin-button': ReactProps<PasskeySigninButton> & PasskeySigninButtonAttributes<'onpasskey'>;
      'add-passkey-button': ReactProps<AddPasskeyButton> & AddPasskeyButtonAttributes<'onpasskey'>;
    }
  }
}
