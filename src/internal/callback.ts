/**
 * Zero-JavaScript integration: posts the result to the server as a classic form, so the token travels in
 * the request body (never in a URL, a log line or the history) and the server answers with a redirect.
 */
export function postToCallback(url: string, fields: Record<string, string | undefined>): void {
  const form = document.createElement('form');
  form.method = 'POST';
  form.action = url;
  form.hidden = true;
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const input = document.createElement('input');
    input.type = 'hidden';
    input.name = name;
    input.value = value;
    form.append(input);
  }
  document.body.append(form);
  // requestSubmit fires `submit`, so frameworks that handle forms (Turbo, htmx) see it like any other.
  form.requestSubmit();
}
