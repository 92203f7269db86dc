// Drives the local pre-built UI over HTTP as a browser without JavaScript would: GET the url track
// returned, read the page, POST its form. Pages are read with a few regular expressions on purpose:
// the markup is the server's own, and a test that needs a DOM parser would test the parser.

export interface Page {
  status: number;
  headers: Headers;
  html: string;
  /** The form's action and hidden fields, when the page has a form. */
  form?: { action: string; fields: Record<string, string> };
  /** The secret shown for manual entry, spaces removed. */
  secret?: string;
}

export function readPage(status: number, headers: Headers, html: string, base: string): Page {
  const page: Page = { status, headers, html };
  const form = /<form[^>]*action="([^"]+)"/.exec(html);
  if (form) {
    const fields: Record<string, string> = {};
    for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) fields[m[1]!] = unescape(m[2]!);
    page.form = { action: new URL(unescape(form[1]!), base).toString(), fields };
  }
  const secret = /<code id="secret"[^>]*>([^<]+)<\/code>/.exec(html);
  if (secret) page.secret = secret[1]!.replace(/\s+/g, '');
  return page;
}

const unescape = (s: string) => s.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');

export async function open(url: string, language = 'en-GB,en;q=0.8'): Promise<Page> {
  const res = await fetch(url, { headers: { 'Accept-Language': language }, redirect: 'manual' });
  return readPage(res.status, res.headers, await res.text(), url);
}

/** Submits the page's form with a code (and any field overrides); the answer is not followed. */
export async function submit(page: Page, code: string, overrides: Record<string, string> = {}, language = 'en') {
  if (!page.form) throw new Error(`no form on the page (status ${page.status}):\n${page.html}`);
  const body = new URLSearchParams({ ...page.form.fields, code, ...overrides });
  const res = await fetch(page.form.action, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Accept-Language': language },
    body,
    redirect: 'manual',
  });
  return readPage(res.status, res.headers, await res.text(), page.form.action);
}
