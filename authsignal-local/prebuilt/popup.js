// The pre-built UI in @authsignal/browser's launch(url, { mode: 'popup' | 'window' }): tell the page that
// opened it (the iframe's parent, or the window's opener) that it is ready, how tall it is, and, on the
// last page, the token (AUTHSIGNAL_CLOSE_POPUP). Messages go only to the tenant's configured origins.
(() => {
  const data = document.getElementById('authsignal-popup')?.dataset;
  const target = window.opener ?? (window.parent !== window ? window.parent : null);
  if (!data || !target) return;
  const origins = (data.origins ?? '').split(' ').filter(Boolean);
  const post = (message) => origins.forEach((origin) => target.postMessage(message, origin));
  post(JSON.stringify({ event: 'AUTHSIGNAL_READY' }));
  // Resize messages are raw objects, as the SDK expects.
  post({ height: document.documentElement.scrollHeight });
  if (data.errorCode) post(JSON.stringify({ event: 'AUTHSIGNAL_API_ERROR', errorCode: data.errorCode, statusCode: Number(data.status) }));
  if (data.token) post(JSON.stringify({ event: 'AUTHSIGNAL_CLOSE_POPUP', token: data.token }));
})();
