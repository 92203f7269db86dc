// Test-only: a passkey provider plus the part of the browser SDK that talks to Authsignal's client
// API, in Node. It makes real ES256 credentials and assertions ("none" attestation), so the demo's
// negative tests get genuine Authsignal tokens (sign-in, add-passkey) without a browser.
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

const b64url = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Uint8Array | string): Buffer => createHash('sha256').update(data).digest();
const concat = (...parts: Uint8Array[]): Buffer => Buffer.concat(parts);

/** Minimal CBOR: unsigned/negative integers, byte and text strings, maps. */
function cbor(value: number | string | Uint8Array | Map<number | string, unknown>): Buffer {
  const head = (major: number, n: number): Buffer => {
    if (n < 24) return Buffer.from([(major << 5) | n]);
    if (n < 0x100) return Buffer.from([(major << 5) | 24, n]);
    return Buffer.from([(major << 5) | 25, n >> 8, n & 0xff]);
  };
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') return concat(head(3, Buffer.byteLength(value)), Buffer.from(value));
  if (value instanceof Uint8Array) return concat(head(2, value.length), value);
  const parts = [head(5, value.size)];
  for (const [k, v] of value) parts.push(cbor(k), cbor(v as never));
  return concat(...parts);
}

interface Credential {
  id: string;
  userHandle: string;
  privateKey: KeyObject;
  counter: number;
}

export class SoftwarePasskey {
  private credential?: Credential;

  constructor(
    /** The page origin written into clientDataJSON (the demo's). */
    private readonly origin: string,
    private readonly rpId = 'localhost',
  ) {}

  create(options: { challenge: string; user: { id: string } }) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const id = randomBytes(16);
    const coseKey = cbor(
      new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(jwk.x!, 'base64url')],
        [-3, Buffer.from(jwk.y!, 'base64url')],
      ]),
    );
    // rpIdHash | flags UP+UV+AT | counter 0 | aaguid (zeros) | credential id length | id | key
    const authData = concat(sha256(this.rpId), Buffer.from([0x45]), Buffer.alloc(4), Buffer.alloc(16), Buffer.from([0, id.length]), id, coseKey);
    const attestationObject = cbor(
      new Map<string, unknown>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', authData],
      ]),
    );
    this.credential = { id: b64url(id), userHandle: options.user.id, privateKey, counter: 0 };
    return {
      id: b64url(id),
      rawId: b64url(id),
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64url(this.clientData('webauthn.create', options.challenge)),
        attestationObject: b64url(attestationObject),
        transports: ['internal'],
        publicKeyAlgorithm: -7,
        authenticatorData: b64url(authData),
      },
    };
  }

  get(options: { challenge: string }) {
    const credential = this.credential;
    if (!credential) throw new Error('no credential yet');
    credential.counter += 1;
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(credential.counter);
    const authData = concat(sha256(this.rpId), Buffer.from([0x05]), counter);
    const clientDataJSON = this.clientData('webauthn.get', options.challenge);
    return {
      id: credential.id,
      rawId: credential.id,
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: {
        clientDataJSON: b64url(clientDataJSON),
        authenticatorData: b64url(authData),
        signature: b64url(sign('sha256', concat(authData, sha256(clientDataJSON)), credential.privateKey)),
        userHandle: credential.userHandle,
      },
    };
  }

  private clientData(type: string, challenge: string): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin: this.origin, crossOrigin: false }));
  }
}

/** The browser SDK's client API calls, against `baseUrl` (e.g. http://localhost:5050/v1). */
export class ClientApi {
  constructor(
    private readonly baseUrl: string,
    private readonly tenantId: string,
  ) {}

  private async post(path: string, body: unknown, bearer?: string): Promise<Record<string, unknown>> {
    const response = await fetch(`${this.baseUrl}/client${path}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: bearer ? `Bearer ${bearer}` : `Basic ${btoa(encodeURIComponent(this.tenantId))}`,
      },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  }

  /** Adds a passkey with an enrollment token; returns the add-passkey proof token and the new id. */
  async register(passkey: SoftwarePasskey, enrollmentToken: string, username: string) {
    const { challengeId, options } = await this.post(
      '/user-authenticators/passkey/registration-options',
      { username },
      enrollmentToken,
    );
    const added = await this.post(
      '/user-authenticators/passkey',
      { registrationCredential: passkey.create(options as never), conditionalCreate: false, challengeId },
      enrollmentToken,
    );
    const authenticator = added['userAuthenticator'] as { userAuthenticatorId: string };
    return { token: added['accessToken'] as string, userAuthenticatorId: authenticator.userAuthenticatorId };
  }

  /** A discoverable sign-in, as autofill does: returns the sign-in token. */
  async signIn(passkey: SoftwarePasskey): Promise<string> {
    const { challengeId, options } = await this.post('/user-authenticators/passkey/authentication-options', {});
    const verified = await this.post('/verify/passkey', {
      authenticationCredential: passkey.get(options as never),
      challengeId,
    });
    if (verified['isVerified'] !== true) throw new Error('not verified');
    return verified['accessToken'] as string;
  }
}
