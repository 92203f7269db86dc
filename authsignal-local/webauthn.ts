// WebAuthn ceremonies, delegated to @simplewebauthn/server. This module fixes the policy
// (discoverable credentials, user verification required, no attestation) and turns library
// failures into 400 JSON answers: a failed verification is the client's problem, never a 5xx.
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { badRequest } from './errors.js';
import type { ResolvedOptions } from './options.js';

// EdDSA, ES256, RS256: what platform authenticators and password managers use.
const ALGORITHMS = [-8, -7, -257];

export type Attachment = 'platform' | 'cross-platform';

export async function registrationOptions(input: {
  options: ResolvedOptions;
  webauthnUserId: string;
  userName: string;
  displayName: string;
  excludeCredentialIds: { id: string; transports: string[] }[];
  attachment: Attachment | undefined;
}): Promise<PublicKeyCredentialCreationOptionsJSON> {
  return generateRegistrationOptions({
    rpName: input.options.rpName,
    rpID: input.options.rpId,
    userName: input.userName,
    userID: Buffer.from(input.webauthnUserId, 'base64url'),
    userDisplayName: input.displayName,
    timeout: input.options.challengeTtlSeconds * 1000,
    attestationType: 'none',
    excludeCredentials: input.excludeCredentialIds,
    authenticatorSelection: {
      residentKey: 'required',
      requireResidentKey: true,
      userVerification: 'required',
      ...(input.attachment ? { authenticatorAttachment: input.attachment } : {}),
    },
    supportedAlgorithmIDs: ALGORITHMS,
  });
}

export async function authenticationOptions(options: ResolvedOptions): Promise<PublicKeyCredentialRequestOptionsJSON> {
  // Discoverable credentials only: the browser picks the passkey, we learn the user from it.
  return generateAuthenticationOptions({
    rpID: options.rpId,
    allowCredentials: [],
    userVerification: 'required',
    timeout: options.challengeTtlSeconds * 1000,
  });
}

export interface VerifiedRegistration {
  credentialId: string;
  /** COSE public key, base64url. */
  publicKey: string;
  counter: number;
  transports: string[];
  aaguid: string;
  backedUp: boolean;
  deviceType: string;
}

export async function verifyRegistration(input: {
  options: ResolvedOptions;
  response: RegistrationResponseJSON;
  expectedChallenge: string;
  requireUserPresence: boolean;
}): Promise<VerifiedRegistration> {
  let result;
  try {
    result = await verifyRegistrationResponse({
      response: input.response,
      expectedChallenge: input.expectedChallenge,
      expectedOrigin: input.options.origins,
      expectedRPID: input.options.rpId,
      requireUserVerification: true,
      requireUserPresence: input.requireUserPresence,
      supportedAlgorithmIDs: ALGORITHMS,
    });
  } catch (error) {
    throw badRequest(`Registration could not be verified: ${(error as Error).message}`, 'invalid_credential');
  }
  if (!result.verified) throw badRequest('Registration could not be verified.', 'invalid_credential');
  const info = result.registrationInfo;
  return {
    credentialId: info.credential.id,
    publicKey: Buffer.from(info.credential.publicKey).toString('base64url'),
    counter: info.credential.counter,
    transports: input.response.response.transports ?? [],
    aaguid: info.aaguid,
    backedUp: info.credentialBackedUp,
    deviceType: info.credentialDeviceType,
  };
}

export async function verifyAuthentication(input: {
  options: ResolvedOptions;
  response: AuthenticationResponseJSON;
  expectedChallenge: string;
  credential: { id: string; publicKey: string; counter: number; transports: string[] };
}): Promise<{ newCounter: number }> {
  let result;
  try {
    result = await verifyAuthenticationResponse({
      response: input.response,
      expectedChallenge: input.expectedChallenge,
      expectedOrigin: input.options.origins,
      expectedRPID: input.options.rpId,
      requireUserVerification: true,
      credential: {
        id: input.credential.id,
        publicKey: Buffer.from(input.credential.publicKey, 'base64url'),
        counter: input.credential.counter,
        transports: input.credential.transports as AuthenticatorTransport[],
      },
    });
  } catch (error) {
    throw badRequest(`Authentication could not be verified: ${(error as Error).message}`, 'invalid_credential');
  }
  if (!result.verified) throw badRequest('Authentication could not be verified.', 'invalid_credential');
  return { newCounter: result.authenticationInfo.newCounter };
}

// A few well-known AAGUIDs, to name passkeys the way the cloud's aaguidMapping does.
const AAGUID_NAMES: Record<string, string> = {
  'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4': 'Google Password Manager',
  'adce0002-35bc-c60a-648b-0b25f1f05503': 'Chrome on Mac',
  'fbfc3007-154e-4ecc-8c0b-6e020557d7bd': 'iCloud Keychain',
  'dd4ec289-e01d-41c9-bb89-70fa845d4bf2': 'iCloud Keychain (Managed)',
  '08987058-cadc-4b81-b6e1-30de50dcbe96': 'Windows Hello',
  '9ddd1817-af5a-4672-a2b9-3e3dd95000a9': 'Windows Hello',
  '6028b017-b1d4-4c02-b4b3-afcdafc96bb2': 'Windows Hello',
  'bada5566-a7aa-401f-bd96-45619a55120d': '1Password',
  'd548826e-79b4-db40-a3d8-11116f7e8349': 'Bitwarden',
  '531126d6-e717-415c-9320-3d9aa6981239': 'Dashlane',
  'b84e4048-15dc-4dd0-8640-f4f60813c8af': 'NordPass',
};

export function authenticatorName(aaguid: string): string {
  return AAGUID_NAMES[aaguid] ?? 'Passkey';
}
