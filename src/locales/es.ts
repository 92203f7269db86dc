import type { PasskeyMessages } from '../internal/messages.js';

/** Español. */
export default {
  signIn: 'Iniciar sesión con una llave de acceso',
  addPasskey: 'Añadir una llave de acceso',
  username: 'Nombre de usuario',
  waiting: 'Esperando tu llave de acceso…',
  signedIn: 'Sesión iniciada.',
  added: 'Llave de acceso añadida.',
  cancelled: 'No se usó ninguna llave de acceso.',
  unsupported: 'Este navegador no admite llaves de acceso.',
  'not-configured': 'Las llaves de acceso no están configuradas en esta página.',
  network: 'No se pudo contactar con el servidor. Comprueba tu conexión e inténtalo de nuevo.',
  timeout: 'El servidor tardó demasiado en responder. Inténtalo de nuevo.',
  'token-missing': 'Las llaves de acceso no están configuradas en esta página.',
  'token-fetch-failed': 'No se pudo preparar tu llave de acceso. Vuelve a iniciar sesión e inténtalo de nuevo.',
  'token-expired': 'Esta página ha caducado. Recárgala e inténtalo de nuevo.',
  'already-registered': 'Este dispositivo ya tiene una llave de acceso para esta cuenta.',
  'unknown-passkey': 'Esta llave de acceso ya no está registrada. Inicia sesión de otra forma.',
  'not-verified': 'No se pudo verificar la llave de acceso.',
  server: 'Algo salió mal. Inténtalo de nuevo.',
  webauthn: 'Tu navegador no pudo usar una llave de acceso aquí.',
} satisfies PasskeyMessages;
