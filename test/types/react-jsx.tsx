// Compile-only: the React 19 JSX typings in types/react.d.ts accept what the README shows, and reject typos.
import type {} from '../../types/react.d.ts';
import type { PasskeySigninSuccessEvent } from '../../src/index.js';

const onSuccess = (event: PasskeySigninSuccessEvent) => event.detail.token.length;

export const login = (
  <form method="post" action="/login">
    <passkey-autofill-input callback-url="/login/callback" onpasskey-signin-success={onSuccess}>
      <input name="username" autoComplete="username webauthn" />
    </passkey-autofill-input>
    <passkey-signin-button action="checkout" onpasskey-signin-error={(e) => e.detail.code} />
    <add-passkey-button token-url="/api/passkeys/enrollment-token" authenticator-attachment="any" />
    <add-passkey-button
      token-url="/api/passkeys/enrollment-token"
      csrf-header="RequestVerificationToken"
      csrf-token="t"
      request-timeout={5000}
      messages={{ addPasskey: 'Passkey hinzufügen' }}
      tokenRequest={(init) => ({ ...init, credentials: 'include' })}
    />
    <passkey-signin-button onpasskey-signin-error={(e) => e.detail.cause?.length} />
    {/* @ts-expect-error: not a message key */}
    <passkey-signin-button messages={{ signInLabel: 'Go' }} />
    {/* @ts-expect-error: not one of platform, cross-platform, any */}
    <add-passkey-button authenticator-attachment="usb" />
    {/* @ts-expect-error: an add-passkey event has no userId */}
    <add-passkey-button onpasskey-add-success={(e) => e.detail.userId} />
  </form>
);
