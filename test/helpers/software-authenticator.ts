// SOFTWARE AUTHENTICATOR (test-only), the one every Node test and the server bench use. Plays the
// part of a platform passkey provider plus the browser's WebAuthn client: from the JSON options the
// server sends, it produces real registration (attestation format "none") and assertion responses,
// signed with ES256 keys from node:crypto, exactly as @simplewebauthn/browser would hand them to the
// Authsignal SDK. CBOR is @simplewebauthn's own encoder (the one the server decodes with).
// Knobs let tests produce the failures a server must catch: wrong origin, no user
// verification, a cloned authenticator whose counter goes backwards.
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';

type Cbor = Parameters<typeof isoCBOR.encode>[0];
const concat = (...parts: Uint8Array[]): Uint8Array => Buffer.concat(parts);

const b64url = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Uint8Array | string): Uint8Array => createHash('sha256').update(data).digest();

/** AAGUID this authenticator reports (all zeros is what many software authenticators use). */
export const SOFTWARE_AAGUID = new Uint8Array(16);

export interface StoredCredential {
  id: string;
  rpId: string;
  userHandle: string;
  userName: string;
  privateKey: KeyObject;
  counter: number;
}

export interface CeremonyOverrides {
  /** Origin written into clientDataJSON; defaults to the authenticator's origin. */
  origin?: string;
  /** Whether the UV flag is set. Default true. */
  userVerified?: boolean;
  /** Whether the UP flag is set. Default true; a conditional create (automatic upgrade) may leave it off. */
  userPresent?: boolean;
  /** Sign with this counter instead of incrementing (e.g. to simulate a cloned authenticator). */
  counter?: number;
  /** Pick a specific credential for an assertion (default: the newest for the rp id). */
  credentialId?: string;
  /** Replace the returned userHandle. */
  userHandle?: string;
}

interface CreationOptionsJSON {
  challenge: string;
  rp: { id?: string; name: string };
  user: { id: string; name: string; displayName: string };
  excludeCredentials?: { id: string }[];
}

interface RequestOptionsJSON {
  challenge: string;
  rpId?: string;
  allowCredentials?: { id: string }[];
}

export class SoftwareAuthenticator {
  readonly credentials: StoredCredential[] = [];

  constructor(
    readonly origin: string,
    private readonly defaultRpId = new URL(origin).hostname,
  ) {}

  /** navigator.credentials.create() → RegistrationResponseJSON. */
  createCredential(options: CreationOptionsJSON, overrides: CeremonyOverrides = {}) {
    const rpId = options.rp.id ?? this.defaultRpId;
    const excluded = new Set((options.excludeCredentials ?? []).map((c) => c.id));
    if (this.credentials.some((c) => c.rpId === rpId && excluded.has(c.id))) {
      throw new Error('InvalidStateError: the authenticator already holds an excluded credential');
    }
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const credentialId = randomBytes(16);
    const counter = overrides.counter ?? 0;
    // COSE_Key: kty EC2 (2), alg ES256 (-7), crv P-256 (1), x, y.
    const coseKey = isoCBOR.encode(
      new Map<number, Cbor>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x!, 'base64url')],
        [-3, Buffer.from(jwk.y!, 'base64url')],
      ]),
    );
    const credentialIdLength = Uint8Array.of(credentialId.length >> 8, credentialId.length & 0xff);
    const authData = concat(
      sha256(rpId),
      Uint8Array.of(this.flags(overrides, true)),
      counterBytes(counter),
      SOFTWARE_AAGUID,
      credentialIdLength,
      credentialId,
      coseKey,
    );
    const attestationObject = isoCBOR.encode(
      new Map<string, Cbor>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', authData],
      ]),
    );
    const clientDataJSON = this.clientData('webauthn.create', options.challenge, overrides);
    const id = b64url(credentialId);
    this.credentials.push({
      id,
      rpId,
      userHandle: options.user.id,
      userName: options.user.name,
      privateKey,
      counter,
    });
    return {
      id,
      rawId: id,
      type: 'public-key' as const,
      authenticatorAttachment: 'platform' as const,
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64url(clientDataJSON),
        attestationObject: b64url(attestationObject),
        transports: ['internal', 'hybrid'] as ('internal' | 'hybrid')[],
        publicKeyAlgorithm: -7,
        authenticatorData: b64url(authData),
      },
    };
  }

  /** navigator.credentials.get() → AuthenticationResponseJSON (discoverable: picks by rp id). */
  getAssertion(options: RequestOptionsJSON, overrides: CeremonyOverrides = {}) {
    const rpId = options.rpId ?? this.defaultRpId;
    const allowed = new Set((options.allowCredentials ?? []).map((c) => c.id));
    const candidates = this.credentials.filter(
      (c) =>
        c.rpId === rpId &&
        (allowed.size === 0 || allowed.has(c.id)) &&
        (!overrides.credentialId || c.id === overrides.credentialId),
    );
    const credential = candidates.at(-1);
    if (!credential) throw new Error('NotAllowedError: no credential for this relying party');
    credential.counter = overrides.counter ?? credential.counter + 1;
    const authData = concat(sha256(rpId), Uint8Array.of(this.flags(overrides, false)), counterBytes(credential.counter));
    const clientDataJSON = this.clientData('webauthn.get', options.challenge, overrides);
    // ES256 signature over authenticatorData || SHA-256(clientDataJSON), DER-encoded as WebAuthn wants.
    const signature = sign('sha256', concat(authData, sha256(clientDataJSON)), credential.privateKey);
    return {
      id: credential.id,
      rawId: credential.id,
      type: 'public-key' as const,
      authenticatorAttachment: 'platform' as const,
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        userHandle: overrides.userHandle ?? credential.userHandle,
      },
    };
  }

  private flags(overrides: CeremonyOverrides, attested: boolean): number {
    const UP = 0x01;
    const UV = 0x04;
    const AT = 0x40;
    return (overrides.userPresent === false ? 0 : UP) | (overrides.userVerified === false ? 0 : UV) | (attested ? AT : 0);
  }

  private clientData(type: string, challenge: string, overrides: CeremonyOverrides): Uint8Array {
    return new TextEncoder().encode(
      JSON.stringify({ type, challenge, origin: overrides.origin ?? this.origin, crossOrigin: false }),
    );
  }
}

function counterBytes(counter: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, counter);
  return out;
}
