// Shapes of the WebAuthn credentials the browser posts, checked before @simplewebauthn/server sees
// them, so that the library only ever gets well-formed JSON. A failure is a 400 invalid_credential.
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import * as v from 'valibot';
import { check } from './body.js';

const B64URL = /^[A-Za-z0-9_-]*={0,2}$/;

const b64url = (where: string, required: boolean) => {
  const format = v.pipe(
    v.string(`"${where}" must be a base64url string.`),
    v.regex(B64URL, `"${where}" must be a base64url string.`),
  );
  return required
    ? v.pipe(
        v.unknown(),
        v.check((value) => value !== undefined && value !== null, `"${where}" is required.`),
        format,
        v.minLength(1, `"${where}" must be a base64url string.`),
      )
    : v.nullish(format);
};

const envelope = <R extends v.ObjectEntries>(name: string, response: R) =>
  v.looseObject(
    {
      id: b64url(`${name}.id`, true),
      rawId: b64url(`${name}.rawId`, true),
      type: v.literal('public-key', `"${name}.type" must be "public-key".`),
      response: v.looseObject(response, `"${name}.response" must be an object.`),
      authenticatorAttachment: v.nullish(
        v.picklist(
          ['platform', 'cross-platform'],
          `"${name}.authenticatorAttachment" must be "platform" or "cross-platform".`,
        ),
      ),
    },
    `"${name}" must be an object.`,
  );

const where = (name: string, key: string) => `${name}.response.${key}`;

const registration = envelope('registrationCredential', {
  clientDataJSON: b64url(where('registrationCredential', 'clientDataJSON'), true),
  attestationObject: b64url(where('registrationCredential', 'attestationObject'), true),
  transports: v.optional(
    v.array(v.string(), '"registrationCredential.response.transports" must be an array of strings.'),
  ),
});

const authentication = envelope('authenticationCredential', {
  clientDataJSON: b64url(where('authenticationCredential', 'clientDataJSON'), true),
  authenticatorData: b64url(where('authenticationCredential', 'authenticatorData'), true),
  signature: b64url(where('authenticationCredential', 'signature'), true),
  userHandle: b64url(where('authenticationCredential', 'userHandle'), false),
});

export function asRegistrationResponse(value: unknown): RegistrationResponseJSON {
  check(registration, value, 'invalid_credential');
  return value as RegistrationResponseJSON;
}

export function asAuthenticationResponse(value: unknown): AuthenticationResponseJSON {
  check(authentication, value, 'invalid_credential');
  return value as AuthenticationResponseJSON;
}
