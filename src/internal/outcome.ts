import type { PasskeyErrorCode } from '../events.js';

/** What a ceremony came to, in the terms the elements report. */
export type Outcome<T> =
  | { kind: 'success'; data: T }
  | { kind: 'cancel' }
  /** Another ceremony on the page took over (the SDK aborts a pending autofill when a button starts one). */
  | { kind: 'aborted' }
  /** The SDK ignored the call: an autofill request is already pending for this page. */
  | { kind: 'ignored' }
  /** `cause` is for developers; the person is shown the element's message for `code`. */
  | { kind: 'error'; code: PasskeyErrorCode; cause?: string };

export const failure = (code: PasskeyErrorCode, cause?: string): Outcome<never> => ({ kind: 'error', code, cause });

interface SdkResult<T> {
  data?: T;
  error?: string;
  errorCode?: string;
  errorDescription?: string;
}

/** The SDK's error codes (and those of the hardened API client, see sdk.ts) that have a code of ours. */
const CODES: Record<string, PasskeyErrorCode> = {
  expired_token: 'token-expired',
  // The cloud's code for a passkey it does not know; older answers said invalid_credential for it too.
  unknown_credential: 'unknown-passkey',
  invalid_credential: 'unknown-passkey',
  network_error: 'network',
  timeout: 'timeout',
};

/** Maps the SDK's answer (returned server errors, thrown WebAuthn and network errors) to an outcome. */
export async function settle<T>(call: () => Promise<SdkResult<T>>): Promise<Outcome<T>> {
  let result: SdkResult<T>;
  try {
    result = await call();
  } catch (error) {
    return fromThrown(error);
  }
  if (result.error || result.errorCode) {
    return failure(CODES[result.errorCode!] ?? 'server', result.errorDescription || result.error || result.errorCode);
  }
  return result.data ? { kind: 'success', data: result.data } : { kind: 'ignored' };
}

function fromThrown(error: unknown): Outcome<never> {
  const { name = '', message = String(error) } = (error ?? {}) as Partial<Error>;
  // WebAuthn reports both "dismissed" and "no passkey here" as NotAllowedError, on purpose (privacy).
  if (name === 'NotAllowedError') return { kind: 'cancel' };
  if (name === 'AbortError') return { kind: 'aborted' };
  if (name === 'InvalidStateError') return failure('already-registered', message);
  // fetch() rejects with a TypeError when the network or CORS fails; a non-JSON answer fails to parse.
  if (name === 'TypeError' || name === 'SyntaxError') return failure('network', message);
  return failure('webauthn', `${name}: ${message}`);
}
