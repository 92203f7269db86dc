/** Feature detection of our own: the SDK's helpers are bundled but not exported. */

export const supportsWebAuthn = (): boolean =>
  typeof window !== 'undefined' && typeof window.PublicKeyCredential === 'function';

/**
 * Whether the browser offers passkeys in autofill. Some extensions make this check hang,
 * so an answer that takes longer than `timeoutMs` counts as "no".
 */
export async function supportsAutofill(timeoutMs = 1000): Promise<boolean> {
  if (!supportsWebAuthn()) return false;
  const check = PublicKeyCredential.isConditionalMediationAvailable?.();
  if (!check) return false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(resolve, timeoutMs, false)));
  try {
    return await Promise.race([check.catch(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
