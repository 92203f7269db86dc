// The React typings, from the installed package.
import type {} from 'authsignal-passkey-elements/react';

export const login = (
  <passkey-signin-button callback-url="/login/callback" onpasskey-signin-success={(e) => e.detail.token}>
    Sign in with a passkey
  </passkey-signin-button>
);
