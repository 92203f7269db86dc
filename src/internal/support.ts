/** Feature detection of our own: the SDK's helpers are bundled but not exported. */

export const supportsWebAuthn = (): boolean =>
  typeof window !== 'undefined' && typeof window.PublicKeyCredential === 'function';

let asked: unknown;
let answer: Promise<boolean> = Promise.resolve(false);

/**
 * Whether the browser offers passkeys in autofill. Asked once per page (it takes tens of milliseconds, and an
 * autofill input asks it at load, in parallel with loading the SDK). Some extensions make this check hang, so an
 * answer that takes longer than `timeoutMs` counts as "no".
 */
export function supportsAutofill(timeoutMs = 1000): Promise<boolean> {
  if (!supportsWebAuthn()) return Promise.resolve(false);
  const check = PublicKeyCredential.isConditionalMediationAvailable;
  if (check !== asked) {
    asked = check;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(resolve, timeoutMs, false)));
    answer = check
      ? Promise.race([check.call(PublicKeyCredential).catch(() => false), timeout]).finally(() => clearTimeout(timer))
      : Promise.resolve(false);
  }
  return answer;
}
