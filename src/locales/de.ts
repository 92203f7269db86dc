import type { PasskeyMessages } from '../internal/messages.js';

/** Deutsch. */
export default {
  signIn: 'Mit Passkey anmelden',
  addPasskey: 'Passkey hinzufügen',
  username: 'Benutzername',
  waiting: 'Warte auf deinen Passkey …',
  signedIn: 'Angemeldet.',
  added: 'Passkey hinzugefügt.',
  cancelled: 'Es wurde kein Passkey verwendet.',
  unsupported: 'Dieser Browser unterstützt keine Passkeys.',
  'not-configured': 'Passkeys sind auf dieser Seite nicht eingerichtet.',
  network: 'Der Server ist nicht erreichbar. Prüfe deine Verbindung und versuche es erneut.',
  timeout: 'Der Server hat zu lange nicht geantwortet. Versuche es erneut.',
  'token-missing': 'Passkeys sind auf dieser Seite nicht eingerichtet.',
  'token-fetch-failed': 'Dein Passkey konnte nicht vorbereitet werden. Melde dich erneut an und versuche es noch einmal.',
  'token-expired': 'Diese Seite ist abgelaufen. Lade sie neu und versuche es erneut.',
  'already-registered': 'Dieses Gerät hat bereits einen Passkey für dieses Konto.',
  'unknown-passkey': 'Dieser Passkey ist nicht mehr registriert. Melde dich auf andere Weise an.',
  'not-verified': 'Der Passkey konnte nicht bestätigt werden.',
  server: 'Etwas ist schiefgelaufen. Versuche es erneut.',
  webauthn: 'Dein Browser konnte hier keinen Passkey verwenden.',
} satisfies PasskeyMessages;
