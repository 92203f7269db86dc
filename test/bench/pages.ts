/**
 * The pages the latency benchmark loads, side by side: the guides' plain integration of the Authsignal Web SDK
 * (its `index.min.js`, `new Authsignal()` on load, `signIn()` / `signUp({ token })` in a click handler) and the
 * same page with the elements. Every page stays after a success, so a second click can be measured.
 */
export type Integration = 'plain' | 'elements' | 'elements-preload';
export type PageKind = 'signin' | 'add' | 'autofill';

export interface PageInput {
  tenantId: string;
  baseUrl: string;
  /**
   * Enrollment tokens for the add pages' two clicks, rendered by the server as the guides do (a token adds one
   * passkey). The elements' page gets its own from `token-url` instead: the server's route answers a fresh one.
   */
  tokens: [string, string];
  /** The SDK chunk of the CDN build, for the variant with a hand-added modulepreload. */
  sdkChunk: string;
}

const head = ({ tenantId, baseUrl }: PageInput) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="authsignal-tenant-id" content="${tenantId}"><meta name="authsignal-base-url" content="${baseUrl}">`;

// Counts finished ceremonies (window.__done) and keeps the page after a success.
const settle = `<script>
window.__done = 0;
for (const type of ['passkey-signin-success', 'passkey-add-success']) addEventListener(type, (e) => e.preventDefault());
for (const type of ['success', 'cancel', 'error']) for (const kind of ['signin', 'add'])
  addEventListener('passkey-' + kind + '-' + type, () => window.__done++);
</script>`;

export function benchPage(integration: Integration, kind: PageKind, input: PageInput): string {
  if (integration === 'plain') {
    const call = {
      signin: `document.querySelector('button').addEventListener('click', () => client.passkey.signIn().catch(() => {}).finally(() => window.__done++));`,
      add: `const tokens = ${JSON.stringify(input.tokens)}; document.querySelector('button').addEventListener('click', () => client.passkey.signUp({ token: tokens.shift(), username: 'bench' }).catch(() => {}).finally(() => window.__done++));`,
      autofill: `client.passkey.signIn({ autofill: true }).catch(() => {});`,
    }[kind];
    const body = kind === 'autofill' ? `<input name="username" autocomplete="username webauthn">` : `<button type="button">Passkey</button>`;
    return `${head(input)}<title>plain ${kind}</title><script src="/sdk/index.min.js"></script></head><body>${body}
<script>window.__done = 0; const client = new authsignal.Authsignal({ tenantId: ${JSON.stringify(input.tenantId)}, baseUrl: ${JSON.stringify(input.baseUrl)} }); ${call}</script></body></html>`;
  }
  const preload = integration === 'elements-preload' ? `<link rel="modulepreload" href="/cdn/${input.sdkChunk}">` : '';
  const body = {
    signin: `<passkey-signin-button></passkey-signin-button>`,
    add: `<add-passkey-button token-url="/token" username="bench"></add-passkey-button>`,
    autofill: `<passkey-autofill-input><input name="username"></passkey-autofill-input>`,
  }[kind];
  return `${head(input)}<title>elements ${kind}</title><script type="module" src="/cdn/passkey-elements.js"></script>${preload}
</head><body>${body}${settle}</body></html>`;
}

/** Runs in the page before its scripts: records when the passkey prompt was asked for, and each click. */
export const instrument = () => {
  const marks = { prompts: [] as { t: number; conditional: boolean }[], clicks: [] as number[], checks: [] as string[] };
  Object.assign(window, { __marks: marks });
  for (const name of ['get', 'create'] as const) {
    const original = navigator.credentials[name].bind(navigator.credentials) as (options?: unknown) => Promise<unknown>;
    navigator.credentials[name] = ((options?: CredentialRequestOptions) => {
      marks.prompts.push({ t: performance.now(), conditional: options?.mediation === 'conditional' });
      return original(options);
    }) as never;
  }
  addEventListener('click', () => marks.clicks.push(performance.now()), true);
  // When the page asked whether autofill is available, and when the browser answered (for BENCH_TRACE).
  const check = PublicKeyCredential.isConditionalMediationAvailable.bind(PublicKeyCredential);
  PublicKeyCredential.isConditionalMediationAvailable = () => {
    const asked = performance.now();
    return check().finally(() => marks.checks.push(`${asked.toFixed(0)}→${performance.now().toFixed(0)} isConditionalMediationAvailable`));
  };
};
