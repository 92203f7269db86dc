// Shows what the passkey elements report in the page's alert region. Static (not inline) so the
// Content-Security-Policy can forbid inline scripts.
const region = document.getElementById('passkey-message');

function show(event) {
  if (!region) return;
  region.textContent = event.detail && event.detail.message ? event.detail.message : 'Something went wrong.';
  region.hidden = false;
}

document.addEventListener('passkey-signin-error', show);
document.addEventListener('passkey-add-error', show);
// A new attempt clears an old message.
document.addEventListener('passkey-signin-success', () => region && (region.hidden = true));
document.addEventListener('passkey-add-success', () => region && (region.hidden = true));
