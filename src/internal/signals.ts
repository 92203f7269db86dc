/**
 * Keeping the browser's passkey list true (WebAuthn's Signal API) and creating passkeys without a prompt
 * (conditional create). Part of the ceremonies' chunk (engine.ts): nothing here loads before a ceremony is near.
 * Every call is feature-detected and its failure ignored: browsers without these APIs behave as before.
 *
 *   - `signalUnknownCredential` after Authsignal answers `unknown_credential` to a sign-in: the browser (or the
 *     password manager) stops offering a passkey that was removed from the account;
 *   - `signalAllAcceptedCredentials` with the passkeys Authsignal lists for the user (GET /client/user-authenticators,
 *     as newer Authsignal SDKs read it), after a passkey sign-in and wherever `<add-passkey-button>` has the
 *     signed-in person's token (the account page, after a removal): the others disappear from the browser's list;
 *   - `signalCurrentUserDetails` with the account's current names, so a renamed account shows its new name.
 */
import type { DirectClient, Prepared } from './direct.js';

/**
 * Passkeys created on this page so far (counted when the creation starts). A list of accepted passkeys read
 * before a creation must not be signalled after it: the browser would delete the new passkey.
 */
let creations = 0;
export const creating = (): void => void creations++;

type SignalName = 'signalUnknownCredential' | 'signalAllAcceptedCredentials' | 'signalCurrentUserDetails';
type SignalApi = Partial<Record<SignalName, (options: object) => Promise<void>>> & {
  getClientCapabilities?: () => Promise<Record<string, boolean | undefined>>;
};
const api = (): SignalApi | undefined =>
  typeof PublicKeyCredential === 'function' ? (PublicKeyCredential as unknown as SignalApi) : undefined;

function signal(name: SignalName, options: object): Promise<void> {
  const pkc = api();
  const call = pkc?.[name];
  return typeof call === 'function' ? call.call(pkc, options).then(noop, noop) : Promise.resolve();
}
const noop = () => {};

/** The relying party of a ceremony's options (the page's host when the server left it out). */
export const rpIdOf = ({ options }: Pick<Prepared, 'options'>): string =>
  options.rpId || options.rp?.id || location.hostname;

export const signalUnknownPasskey = (rpId: string, credentialId: string) =>
  signal('signalUnknownCredential', { rpId, credentialId });

/**
 * The credential ids of the passkeys Authsignal lists for the token's user; undefined when it cannot tell (an
 * error, a network failure, the deadline), so that nothing is ever signalled from an incomplete list.
 */
export async function acceptedPasskeys(client: DirectClient, token: string): Promise<string[] | undefined> {
  try {
    const response = await fetch(`${client.passkey.api.baseUrl}/client/user-authenticators`, {
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(10_000),
    });
    const list: unknown = await response.json();
    if (!response.ok || !Array.isArray(list)) return undefined;
    return (list as { verificationMethod?: string; webauthnCredential?: { credentialId?: unknown } }[])
      .filter((a) => a?.verificationMethod === 'PASSKEY' && typeof a.webauthnCredential?.credentialId === 'string')
      .map((a) => a.webauthnCredential!.credentialId as string);
  } catch {
    return undefined;
  }
}

export interface Account {
  rpId: string;
  /** The WebAuthn user handle (base64url), not Authsignal's user id. */
  userHandle: string;
  /** Every passkey the server accepts for this account; undefined when unknown (then nothing is removed). */
  accepted?: string[];
  name?: string;
  displayName?: string;
}

/** Tells the browser which passkeys the account still has and what it is called now. */
export async function signalAccount({ rpId, userHandle: userId, accepted, name, displayName }: Account): Promise<void> {
  await Promise.all([
    accepted && signal('signalAllAcceptedCredentials', { rpId, userId, allAcceptedCredentialIds: accepted }),
    name && signal('signalCurrentUserDetails', { rpId, userId, name, displayName: displayName || name }),
  ]);
}

/** After a verified passkey sign-in: the accepted list (with the passkey just used) and the account's names. */
export async function signalSignIn(
  client: DirectClient,
  prepared: Prepared,
  credentialId: string,
  answer: { accessToken?: string; username?: string; userDisplayName?: string },
  userHandle: string | undefined,
): Promise<void> {
  if (!userHandle || !api()) return;
  const listed = answer.accessToken ? await acceptedPasskeys(client, answer.accessToken) : undefined;
  await signalAccount({
    rpId: rpIdOf(prepared),
    userHandle,
    accepted: listed && [...new Set([...listed, credentialId])],
    name: answer.username,
    displayName: answer.userDisplayName,
  });
}

/** The credential ids the SDK remembers for this browser (`as_user_passkey_map`, written after verified ceremonies). */
function rememberedHere(): Set<string> {
  try {
    const map = JSON.parse(localStorage.getItem('as_user_passkey_map') ?? '{}') as Record<string, unknown>;
    return new Set(Object.values(map).flatMap((ids) => (Array.isArray(ids) ? (ids as string[]) : [])));
  } catch {
    return new Set();
  }
}

/** What each enrollment token's first options told (see `enrollmentState`), or that a passkey was created with it. */
const checked = new Map<string, Promise<boolean | undefined>>();

/** A passkey was created here with this token: every button of that token is `registered` from now on. */
export const createdWith = (token: string): void => void checked.set(token, Promise.resolve(true));

/**
 * Tells `registered(on)` whether this device already holds one of the account's passkeys (see `enrollmentState`):
 * learnt once per token, and told to every element that asks with it (a framework's re-render makes a new one).
 * Not asked again after a creation: this device's memory of passkeys may lack the new one (`createdWith` says it).
 */
export function checkDevice(client: DirectClient, prepared: Prepared, modalRunning: () => boolean, registered: (on: boolean) => void) {
  const { token } = prepared;
  if (!token) return;
  let known = checked.get(token);
  if (!known) checked.set(token, (known = enrollmentState(client, prepared, modalRunning).catch(() => undefined)));
  void known.then((on) => on !== undefined && registered(on));
}

/**
 * What `<add-passkey-button>` learns from its enrollment options, without a prompt: whether this device already
 * holds one of the account's passkeys (one the SDK remembers here and the server still lists), after telling the
 * browser the account's accepted passkeys and names. The options name the account (`user.id`, `user.name`,
 * `user.displayName`) and exclude its passkeys; the server's list, when it can be read, is the authority.
 * Undefined when a passkey was created or a ceremony ran meanwhile (then the element knows better).
 */
async function enrollmentState(
  client: DirectClient,
  prepared: Prepared,
  /** Whether a ceremony is running (coordination.ts's, passed in: this chunk imports nothing the page loads first). */
  modalRunning: () => boolean,
): Promise<boolean | undefined> {
  const options = prepared.options as PublicKeyCredentialCreationOptionsJSON;
  const before = creations;
  const accepted = await acceptedPasskeys(client, prepared.token!);
  // A ceremony running, or a passkey created meanwhile: the list may lack it, so it is not signalled.
  const current = creations === before && !modalRunning();
  await signalAccount({
    rpId: rpIdOf(prepared),
    userHandle: options.user.id,
    accepted: current ? accepted : undefined,
    name: options.user.name,
    displayName: options.user.displayName,
  });
  // Outdated too for the device check: the element has set `registered` by itself after that ceremony.
  if (!current) return undefined;
  const known = accepted ?? (options.excludeCredentials ?? []).map((c) => c.id);
  const here = rememberedHere();
  return known.some((id) => here.has(id));
}

/** Whether the browser can create a passkey without a prompt right after a password sign-in. */
export async function supportsConditionalCreate(): Promise<boolean> {
  try {
    return !!(await api()?.getClientCapabilities?.())?.['conditionalCreate'];
  } catch {
    return false;
  }
}
