import { useEffect, useState } from 'react';
import 'authsignal-passkey-elements';

const post = (url, body) =>
  fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body ?? {}) });

export function App() {
  const [user, setUser] = useState(undefined); // undefined: not known yet; null: signed out
  const [message, setMessage] = useState('');

  useEffect(() => {
    fetch('/api/session').then(async (r) => setUser(r.ok ? (await r.json()).username : null));
  }, []);

  if (user === undefined) return null;
  return (
    <main>
      <h1>Passkeys with React</h1>
      {user ? <Account user={user} onSignOut={() => setUser(null)} setMessage={setMessage} /> : <Login onSignIn={setUser} setMessage={setMessage} />}
      <p role="status">{message}</p>
    </main>
  );
}

function Login({ onSignIn, setMessage }) {
  async function passwordSignIn(event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const response = await post('/api/login', { username: form.get('username'), password: form.get('password') });
    const body = await response.json();
    if (response.ok) onSignIn(body.username);
    setMessage(response.ok ? '' : body.error);
  }
  // The token goes to your server, which validates it and signs the person in.
  async function passkeySignIn(event) {
    const response = await post('/api/login/passkey', { token: event.detail.token });
    const body = await response.json();
    if (response.ok) onSignIn(body.username);
    setMessage(response.ok ? '' : body.error);
  }
  const showError = (event) => setMessage(event.detail.message);

  return (
    <>
      <form onSubmit={passwordSignIn}>
        <label htmlFor="username">Username</label>
        <passkey-autofill-input onpasskey-signin-success={passkeySignIn} onpasskey-signin-error={showError}>
          <input id="username" name="username" autoComplete="username webauthn" required />
        </passkey-autofill-input>
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
        <button>Sign in</button>
      </form>
      <passkey-signin-button onpasskey-signin-success={passkeySignIn} onpasskey-signin-error={showError}></passkey-signin-button>
    </>
  );
}

function Account({ user, onSignOut, setMessage }) {
  async function signOut() {
    await post('/api/logout');
    setMessage('');
    onSignOut();
  }
  return (
    <>
      <p>Signed in as {user}</p>
      <add-passkey-button
        token-url="/api/passkeys/enrollment-token"
        username={user}
        onpasskey-add-success={() => setMessage('Passkey added.')}
        onpasskey-add-error={(event) => setMessage(event.detail.message)}
      ></add-passkey-button>
      <button type="button" onClick={signOut}>Sign out</button>
    </>
  );
}
