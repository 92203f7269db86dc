import type { DirectClient, WebAuthnOptionsJSON } from './sdk-shape.js';
import { settle, type Outcome } from './outcome.js';
import type { conditionalRequest } from './conditional.js';
import { createdWith, creating, rpIdOf, signalSignIn, signalUnknownPasskey } from './signals.js';

/**
 * Ceremonies run by the elements themselves with the SDK's own API client (`passkey.api`), so that the WebAuthn
 * options (with their challenge) can be fetched before the click and the click opens the passkey prompt at once.
 * The SDK's `signIn()` / `signUp()` fetch the options after the click: one network round trip between the
 * person's gesture and the prompt (which Safari may also refuse as too far from the gesture).
 *
 * What the SDK's own ceremonies do and these reproduce (read from @authsignal/browser 1.16):
 *   - send `deviceId` (the SDK's anonymous id, the `__as_aid` cookie) with verify;
 *   - after a verified ceremony, remember the credential id under the user id in localStorage
 *     (`as_user_passkey_map`, skipped for cross-platform authenticators), which `passkey.isAvailableOnDevice` reads;
 *   - keep the returned access token as the SDK's current token (`setToken`), as its token cache does.
 * The SDK's module-level autofill flag and abort service are not touched: these ceremonies never run while an
 * SDK autofill request is pending (the buttons then use the SDK's own ceremony, which aborts it). Passkey autofill
 * itself runs here too (conditional.ts), and so is aborted by the buttons directly.
 */
export type { DirectClient };

export interface Prepared {
  challengeId: string;
  options: WebAuthnOptionsJSON;
  /** After this (ms since the epoch) the challenge is too close to expiring to start a prompt with. */
  freshUntil: number;
  /** The server's token the options were issued for (enrollment, or re-authentication). */
  token?: string;
}

interface Answer {
  challengeId?: string;
  options?: Prepared['options'];
  error?: string;
}

/** The options of a ceremony, usable for 80 % of the lifetime the server gave them. */
async function prepared(answer: Promise<Answer>, token?: string): Promise<Outcome<Prepared>> {
  const outcome = await settle(async () => {
    const { challengeId, options, ...error } = await answer;
    return challengeId && options ? { data: { challengeId, options } } : error;
  });
  if (outcome.kind !== 'success') return outcome;
  const lifetime = outcome.data.options.timeout ?? 60_000;
  return { kind: 'success', data: { ...outcome.data, token, freshUntil: Date.now() + lifetime * 0.8 } };
}

/** Sign-in options; with a server's `token`, for re-authenticating that token's user (the action is the token's). */
export async function prepareSignIn(client: DirectClient, action?: string, token?: string): Promise<Outcome<Prepared>> {
  if (token) return prepared(client.passkey.api.authenticationOptions({ token }) as Promise<Answer>, token);
  let challengeId: string | undefined;
  if (action) {
    const challenge = (await client.passkey.api.challenge({ action })) as Answer;
    if (!challenge.challengeId) return settle(async () => challenge);
    challengeId = challenge.challengeId;
  }
  return prepared(client.passkey.api.authenticationOptions({ challengeId }) as Promise<Answer>);
}

export function prepareSignUp(
  client: DirectClient,
  token: string,
  username: string | undefined,
  authenticatorAttachment: AuthenticatorAttachment | null,
): Promise<Outcome<Prepared>> {
  return prepared(
    client.passkey.api.registrationOptions({ token, username, authenticatorAttachment }) as Promise<Answer>,
    token,
  );
}

/** What the SDK stores after a verified ceremony, for `passkey.isAvailableOnDevice`. */
function rememberCredential(credential: PublicKeyCredential, userId: string): void {
  if (credential.authenticatorAttachment === 'cross-platform') return;
  try {
    const key = 'as_user_passkey_map';
    const map = JSON.parse(localStorage.getItem(key) ?? '{}') as Record<string, string[]>;
    const ids = (map[userId] ??= []);
    if (!ids.includes(credential.id)) ids.push(credential.id);
    localStorage.setItem(key, JSON.stringify(map));
  } catch {
    // Storage denied (privacy mode) or unreadable: the SDK would throw here; the sign-in itself stands.
  }
}

interface VerifyAnswer {
  isVerified?: boolean;
  accessToken?: string;
  userId?: string;
  userAuthenticatorId?: string;
  username?: string;
  userDisplayName?: string;
  userAuthenticator?: { userAuthenticatorId?: string };
  error?: string;
  errorCode?: string;
}

/** Opens the prompt with prepared options, then verifies with Authsignal as the SDK would. */
export function run(client: DirectClient, prepared: Prepared, kind: 'get' | 'create') {
  return settle(async () => {
    const { options } = prepared;
    if (kind === 'create') creating();
    const credential = (
      kind === 'get'
        ? await navigator.credentials.get({
            publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options as PublicKeyCredentialRequestOptionsJSON),
          })
        : await navigator.credentials.create({
            publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options as PublicKeyCredentialCreationOptionsJSON),
          })
    ) as PublicKeyCredential;
    return verified(client, prepared, credential, kind);
  });
}

/** Verifies a credential the person gave from autofill (see conditional.ts), as the SDK would. */
export const finish = (client: DirectClient, prepared: Prepared, credential: PublicKeyCredential) =>
  settle(() => verified(client, prepared, credential, 'get'));

/**
 * Automatic passkey upgrade: a conditional create (no prompt; the browser creates the passkey in the password
 * manager the person just signed in with, or never answers), aborted like autofill by any modal ceremony, then
 * added with `conditionalCreate: true` as the SDK's `signUp({ useAutoRegister: true })` does.
 */
export const runConditionalCreate = (
  client: DirectClient,
  prepared: Prepared,
  // conditional.ts's, passed in: this chunk imports nothing from the modules the page loads first.
  request: typeof conditionalRequest,
) =>
  settle(async () => {
    creating();
    const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(prepared.options as PublicKeyCredentialCreationOptionsJSON);
    const credential = await request(
      (signal) => navigator.credentials.create({ publicKey, mediation: 'conditional', signal } as CredentialCreationOptions),
    );
    return verified(client, prepared, credential as PublicKeyCredential, 'create', true);
  });

async function verified(
  client: DirectClient,
  prepared: Prepared,
  credential: PublicKeyCredential,
  kind: 'get' | 'create',
  conditionalCreate = false,
) {
  const { challengeId, token } = prepared;
  const json = credential.toJSON();
  const answer = (
    kind === 'get'
      ? await client.passkey.api.verify({ authenticationCredential: json, deviceId: client.anonymousId, challengeId, token })
      : await client.passkey.api.addAuthenticator({ registrationCredential: json, token: token!, conditionalCreate, challengeId })
  ) as VerifyAnswer;
  if (kind === 'get') {
    // The Signal API, in the background: the outcome is reported without waiting for the browser.
    if (answer.errorCode === 'unknown_credential') void signalUnknownPasskey(rpIdOf(prepared), credential.id);
    else if (answer.isVerified) {
      const userHandle = (json as { response: { userHandle?: string } }).response.userHandle;
      void signalSignIn(client, prepared, credential.id, answer, userHandle);
    }
  }
  if (answer.error) return answer;
  if (answer.isVerified && answer.userId) rememberCredential(credential, answer.userId);
  if (kind === 'create') createdWith(token!);
  if (answer.accessToken) client.setToken(answer.accessToken);
  return {
    data: {
      isVerified: !!answer.isVerified,
      token: answer.accessToken,
      userId: answer.userId,
      userAuthenticatorId: answer.userAuthenticatorId,
      username: answer.username,
      displayName: answer.userDisplayName,
      userAuthenticator: answer.userAuthenticator,
    },
  };
}
