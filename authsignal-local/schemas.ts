// The JSON body of every route that takes one, as valibot schemas (readBody checks them).
import * as v from 'valibot';
import { optionalBoolean, optionalString, requiredString } from './body.js';

const attachment = v.nullish(
  v.picklist(['platform', 'cross-platform'], '"authenticatorAttachment" must be "platform" or "cross-platform".'),
);

// ---- client API ----

export const RegistrationOptionsBody = v.object({
  username: optionalString('username'),
  authenticatorAttachment: attachment,
});

export const AddAuthenticatorBody = v.object({
  registrationCredential: v.unknown(), // credentials.ts checks its shape (invalid_credential)
  challengeId: requiredString('challengeId'),
  conditionalCreate: optionalBoolean('conditionalCreate'),
});

export const ChallengeBody = v.object({ action: requiredString('action', 64) });

export const AuthenticationOptionsBody = v.object({ challengeId: optionalString('challengeId') });

export const VerifyBody = v.object({
  authenticationCredential: v.unknown(),
  challengeId: requiredString('challengeId'),
  deviceId: optionalString('deviceId'),
});

export const TotpVerifyBody = v.object({ verificationCode: requiredString('verificationCode', 16) });

// ---- server API ----

const customValues = v.rawCheck<Record<string, unknown>>(({ dataset, addIssue }) => {
  if (!dataset.typed) return;
  for (const [key, value] of Object.entries(dataset.value)) {
    if (!['string', 'number', 'boolean'].includes(typeof value)) {
      addIssue({ message: `"custom.${key}" must be a string, number or boolean.` });
      return;
    }
  }
});

export const TrackBody = v.object({
  redirectUrl: optionalString('redirectUrl', 2048),
  username: optionalString('username'),
  email: optionalString('email'),
  phoneNumber: optionalString('phoneNumber'),
  displayName: optionalString('displayName'),
  ipAddress: optionalString('ipAddress'),
  userAgent: optionalString('userAgent', 2048),
  deviceId: optionalString('deviceId'),
  locale: optionalString('locale'),
  challengeId: optionalString('challengeId'),
  customDomain: optionalString('customDomain'),
  custom: v.nullish(v.pipe(v.record(v.string(), v.unknown(), '"custom" must be an object.'), customValues)),
  scope: optionalString('scope'),
  idempotencyKey: optionalString('idempotencyKey', 128),
});
export type TrackInput = v.InferOutput<typeof TrackBody>;

export const ValidateBody = v.object({
  token: requiredString('token', 8192),
  userId: optionalString('userId'),
  action: optionalString('action', 64),
});
