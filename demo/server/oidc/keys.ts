// The login server's keys: the private JWK that signs ID tokens (published at /jwks) and the keys that
// sign oidc-provider's cookies. Made on first start (jose) and kept in the data folder, readable by this
// user only, so a restart keeps ID tokens verifiable and sessions' cookies valid. ':memory:' keeps nothing.
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

export interface ProviderKeys {
  jwks: { keys: JWK[] };
  cookieKeys: string[];
}

export const KEYS_FILE = 'oidc-keys.json';

async function newKeys(): Promise<ProviderKeys> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: 'RS256', use: 'sig' };
  return { jwks: { keys: [jwk] }, cookieKeys: [randomBytes(32).toString('base64url')] };
}

/** The keys kept in `dataDir` (made and saved the first time), or fresh ones for ':memory:'. */
export async function loadOrCreateKeys(dataDir: string): Promise<ProviderKeys> {
  if (dataDir === ':memory:') return newKeys();
  const file = join(dataDir, KEYS_FILE);
  if (existsSync(file)) {
    const kept = JSON.parse(readFileSync(file, 'utf8')) as Partial<ProviderKeys>;
    if (!kept.jwks?.keys?.length || !kept.cookieKeys?.length) throw new Error(`${file} holds no keys; delete it to make new ones`);
    return kept as ProviderKeys;
  }
  const keys = await newKeys();
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(keys), { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return keys;
}
