// Compile-only (tsc, in npm test): the React 19 JSX typings accept the README's usage and reject mistakes.
import { useState } from 'react';
import 'authsignal-passkey-elements';
import 'authsignal-passkey-elements/react'; // a plain import builds too (an empty module), not only `import type {}`
import type {} from 'authsignal-passkey-elements/react';
import type { PasskeySigninSuccessEvent } from 'authsignal-passkey-elements';

export function Login() {
  const [error, setError] = useState('');
  const signIn = (event: PasskeySigninSuccessEvent) => event.detail.token.length;
  return (
    <form method="post" action="/login">
      <passkey-autofill-input callback-url="/login/callback" return-url="/account" onpasskey-signin-success={signIn}>
        <input name="username" autoComplete="username webauthn" />
      </passkey-autofill-input>
      <passkey-signin-button action="checkout" onpasskey-signin-error={(e) => setError(e.detail.message)} />
      <passkey-signin-button token-url="/api/step-up-token" onpasskey-signin-cancel={(e) => e.detail} className="wide" />
      <add-passkey-button
        token-url="/api/passkeys/enrollment-token"
        username="alice"
        display-name="Alice"
        authenticator-attachment="any"
        csrf-header="RequestVerificationToken"
        csrf-token="t"
        request-timeout={5000}
        unsupported={false}
        messages={{ addPasskey: 'Passkey hinzufügen' }}
        tokenRequest={(init) => ({ ...init, credentials: 'include' })}
        onpasskey-add-success={(e) => e.detail.userAuthenticatorId}
        onpasskey-add-error={(e) => e.detail.cause?.length}
      />
      <passkey-signin-button request-timeout="5000" disabled aria-label="Sign in with a passkey" />
      <p role="alert">{error}</p>

      {/* @ts-expect-error: a misspelt attribute (TypeScript checks JSX names without a hyphen only) */}
      <add-passkey-button usernme="alice" />
      {/* @ts-expect-error: a misspelt property */}
      <passkey-signin-button message={{ signIn: 'Go' }} />
      {/* @ts-expect-error: busy is read-only: the element sets it */}
      <passkey-signin-button busy />
      {/* @ts-expect-error: not one of platform, cross-platform, any */}
      <add-passkey-button authenticator-attachment="usb" />
      {/* @ts-expect-error: a number of milliseconds, not a word */}
      <passkey-signin-button request-timeout="soon" />
      {/* @ts-expect-error: a boolean attribute */}
      <passkey-autofill-input unsupported="no" />
      {/* @ts-expect-error: not a message key */}
      <passkey-signin-button messages={{ signInLabel: 'Go' }} />
      {/* @ts-expect-error: an add-passkey event has no userId */}
      <add-passkey-button onpasskey-add-success={(e) => e.detail.userId} />
      {/* @ts-expect-error: an error's code is one of the documented codes */}
      <passkey-signin-button onpasskey-signin-error={(e) => e.detail.code === 'cancelled'} />
    </form>
  );
}
