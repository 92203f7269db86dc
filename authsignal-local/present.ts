// JSON shapes of stored records, as the SDKs' types describe them.
import type { AuthenticatorRow, TotpRow } from './store/store.js';
import { parseUserAgent } from './user-agent.js';

export function presentAuthenticator(row: AuthenticatorRow) {
  return {
    userId: row.userId,
    userAuthenticatorId: row.id,
    verificationMethod: 'PASSKEY' as const,
    createdAt: row.createdAt,
    verifiedAt: row.verifiedAt,
    ...(row.lastVerifiedAt ? { lastVerifiedAt: row.lastVerifiedAt } : {}),
    ...(row.username ? { username: row.username } : {}),
    webauthnCredential: {
      credentialId: row.credentialId,
      deviceId: row.deviceId ?? '',
      name: row.name,
      aaguid: row.aaguid,
      credentialBackedUp: row.backedUp,
      credentialDeviceType: row.deviceType,
      ...(row.attachment ? { authenticatorAttachment: row.attachment } : {}),
      ...(row.userAgent ? { parsedUserAgent: parseUserAgent(row.userAgent) } : {}),
    },
  };
}

export function presentTotp(row: TotpRow) {
  return {
    userId: row.userId,
    userAuthenticatorId: row.id,
    verificationMethod: 'AUTHENTICATOR_APP' as const,
    createdAt: row.createdAt,
    ...(row.verifiedAt ? { verifiedAt: row.verifiedAt } : {}),
    ...(row.lastVerifiedAt ? { lastVerifiedAt: row.lastVerifiedAt } : {}),
  };
}
