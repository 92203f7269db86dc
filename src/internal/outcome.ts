import type { PasskeyErrorCode, PasskeyErrorDetail } from '../events.js';

/** What a ceremony came to, in the terms the elements report. */
export type Outcome<T> =
  | { kind: 'success'; data: T }
  | { kind: 'cancel' }
  /** Another ceremony on the page took over (the SDK aborts a pending autofill when a button starts one). */
  | { kind: 'aborted' }
  /** The SDK ignored the call: an autofill request is already pending for this page. */
  | { kind: 'ignored' }
  | ({ kind: 'error' } & PasskeyErrorDetail);

/** Shared wording for every unreachable server (Authsignal, `token-url`, the SDK's chunk). */
export const OFFLINE = 'Could not reach the server. Check your connection.';

export const failure = (code: PasskeyErrorCode, message: string): Outcome<never> => ({ kind: 'error', code, message });

interface SdkResult<T> {
  data?: T;
  error?: string;
  errorCode?: string;
  errorDescription?: string;
}

/** Maps the SDK's answer (returned server errors, thrown WebAuthn and network errors) to an outcome. */
export async function settle<T>(call: () => Promise<SdkResult<T>>): Promise<Outcome<T>> {
  let result: SdkResult<T>;
  try {
    result = await call();
  } catch (error) {
    return fromThrown(error);
  }
  if (result.error || result.errorCode) {
    const message = result.errorDescription || result.error || 'Authsignal refused the request.';
    return failure(result.errorCode === 'expired_token' ? 'token-expired' : 'server', message);
  }
  return result.data ? { kind: 'success', data: result.data } : { kind: 'ignored' };
}

function fromThrown(error: unknown): Outcome<never> {
  const { name = '', message = String(error) } = (error ?? {}) as Partial<Error>;
  // WebAuthn reports both "dismissed" and "no passkey here" as NotAllowedError, on purpose (privacy).
  if (name === 'NotAllowedError') return { kind: 'cancel' };
  if (name === 'AbortError') return { kind: 'aborted' };
  if (name === 'InvalidStateError') {
    return failure('already-registered', 'This device already has a passkey for this account.');
  }
  // fetch() rejects with a TypeError when the network or CORS fails; a non-JSON answer fails to parse.
  if (name === 'TypeError') return failure('network', OFFLINE);
  if (name === 'SyntaxError') return failure('server', 'The server sent an unreadable answer.');
  return failure('webauthn', message);
}
