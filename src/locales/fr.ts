import type { PasskeyMessages } from '../internal/messages.js';

/** Français. */
export default {
  signIn: 'Se connecter avec une clé d’accès',
  addPasskey: 'Ajouter une clé d’accès',
  username: 'Nom d’utilisateur',
  waiting: 'En attente de votre clé d’accès…',
  signedIn: 'Connecté.',
  added: 'Clé d’accès ajoutée.',
  cancelled: 'Aucune clé d’accès n’a été utilisée.',
  unsupported: 'Ce navigateur ne prend pas en charge les clés d’accès.',
  'not-configured': 'Les clés d’accès ne sont pas configurées sur cette page.',
  network: 'Impossible de joindre le serveur. Vérifiez votre connexion et réessayez.',
  timeout: 'Le serveur a mis trop de temps à répondre. Réessayez.',
  'token-missing': 'Les clés d’accès ne sont pas configurées sur cette page.',
  'token-fetch-failed': 'Impossible de préparer votre clé d’accès. Reconnectez-vous et réessayez.',
  'token-expired': 'Cette page a expiré. Rechargez-la et réessayez.',
  'already-registered': 'Cet appareil a déjà une clé d’accès pour ce compte.',
  'unknown-passkey': 'Cette clé d’accès n’est plus enregistrée. Connectez-vous autrement.',
  'not-verified': 'La clé d’accès n’a pas pu être vérifiée.',
  server: 'Une erreur s’est produite. Réessayez.',
  webauthn: 'Votre navigateur n’a pas pu utiliser de clé d’accès ici.',
} satisfies PasskeyMessages;
