/**
 * Automatic passkey upgrade for `<add-passkey-button auto-upgrade>` (part of the ceremonies' chunk): right after a
 * password sign-in, a browser that supports conditional create lets the password manager the person just used
 * create a passkey without a prompt. Unsupported, declined or aborted (any modal ceremony aborts it first, see
 * conditional.ts), it comes to nothing and the button works as ever.
 */
import type { conditionalRequest } from './conditional.js';
import { runConditionalCreate, type DirectClient, type Prepared } from './direct.js';
import type { Outcome } from './outcome.js';
import { supportsConditionalCreate } from './signals.js';

/** What a passkey creation answers; `<add-passkey-button>` turns it into its event's detail, as after a click. */
export type Created = Outcome<{ token?: string; userAuthenticator?: { userAuthenticatorId?: string } }>;

export interface UpgradeHost {
  client: DirectClient;
  /** Fresh options for the element's token (a conditional create spends its challenge). */
  prepare(): Promise<Outcome<Prepared>>;
  /** Waits until no other ceremony runs; false when the element should no longer start one. */
  idle(): Promise<boolean>;
  /** conditional.ts's, passed in: this chunk imports nothing from the modules the page loads first. */
  request: typeof conditionalRequest;
}

/** What to report of an automatic upgrade: a created passkey, or the server refusing one; undefined for silence. */
export async function autoUpgrade({ client, prepare, idle, request }: UpgradeHost): Promise<Created | undefined> {
  if (!(await supportsConditionalCreate())) return undefined;
  const prepared = await prepare();
  // The browser allows one request at a time: a ceremony already running goes first.
  if (prepared.kind !== 'success' || !(await idle())) return undefined;
  const outcome: Created = await runConditionalCreate(client, prepared.data, request);
  if (outcome.kind === 'success') return outcome;
  // Cancelled, aborted by a modal ceremony, or refused by the browser: the button is still there.
  return outcome.kind === 'error' && outcome.code !== 'webauthn' && outcome.code !== 'already-registered' ? outcome : undefined;
}
