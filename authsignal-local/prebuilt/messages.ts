// The pre-built UI's words, one plain map per language (the page picks one from Accept-Language).
// Error codes of the services map to sentences; an unknown code falls back to `error`.

export const LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

const en = {
  title: 'Two-step verification',
  enrolHeading: 'Set up your authenticator app',
  enrolIntro: 'Scan this QR code with an authenticator app (such as Google Authenticator, Microsoft Authenticator or 1Password).',
  qrLabel: 'QR code for your authenticator app',
  manualEntry: 'Cannot scan it? Enter this key in the app instead:',
  enrolCodeIntro: 'Then enter the 6-digit code the app shows, to finish.',
  challengeHeading: 'Enter your code',
  challengeIntro: 'Open your authenticator app and enter the 6-digit code it shows.',
  codeLabel: '6-digit code',
  submit: 'Verify',
  doneHeading: 'Verified',
  doneText: 'You can close this window and go back to the app.',
  problemHeading: 'This cannot continue',
  again: 'Go back to the app and start again.',
  // errors
  CODE_INVALID_OR_EXPIRED: 'That code is wrong or has expired. Enter the code the app shows now.',
  CODE_ALREADY_USED: 'That code has already been used. Wait for the app to show a new one.',
  code_required: 'Enter the 6-digit code.',
  too_many_requests: 'Too many wrong codes. Wait a minute, then try again.',
  invalid_token: 'This link is invalid or has already been used.',
  expired_token: 'This link has expired.',
  token_required: 'This page needs the link from the app you were signing in to.',
  action_blocked: 'This attempt was blocked.',
  method_not_allowed: 'This step does not use an authenticator app.',
  insufficient_scope: 'An authenticator app cannot be added to this account here.',
  already_enrolled: 'This account already has an authenticator app.',
  error: 'Something went wrong.',
};

export type Messages = typeof en;

const de: Messages = {
  title: 'Bestätigung in zwei Schritten',
  enrolHeading: 'Authenticator-App einrichten',
  enrolIntro: 'Scannen Sie diesen QR-Code mit einer Authenticator-App (etwa Google Authenticator, Microsoft Authenticator oder 1Password).',
  qrLabel: 'QR-Code für Ihre Authenticator-App',
  manualEntry: 'Scannen klappt nicht? Geben Sie stattdessen diesen Schlüssel in der App ein:',
  enrolCodeIntro: 'Geben Sie dann den 6-stelligen Code ein, den die App anzeigt.',
  challengeHeading: 'Code eingeben',
  challengeIntro: 'Öffnen Sie Ihre Authenticator-App und geben Sie den 6-stelligen Code ein.',
  codeLabel: '6-stelliger Code',
  submit: 'Bestätigen',
  doneHeading: 'Bestätigt',
  doneText: 'Sie können dieses Fenster schließen und zur App zurückkehren.',
  problemHeading: 'Hier geht es nicht weiter',
  again: 'Kehren Sie zur App zurück und beginnen Sie von vorn.',
  CODE_INVALID_OR_EXPIRED: 'Dieser Code ist falsch oder abgelaufen. Geben Sie den Code ein, den die App jetzt anzeigt.',
  CODE_ALREADY_USED: 'Dieser Code wurde schon verwendet. Warten Sie, bis die App einen neuen anzeigt.',
  code_required: 'Geben Sie den 6-stelligen Code ein.',
  too_many_requests: 'Zu viele falsche Codes. Warten Sie eine Minute und versuchen Sie es dann erneut.',
  invalid_token: 'Dieser Link ist ungültig oder wurde schon verwendet.',
  expired_token: 'Dieser Link ist abgelaufen.',
  token_required: 'Diese Seite braucht den Link der App, bei der Sie sich anmelden.',
  action_blocked: 'Dieser Versuch wurde blockiert.',
  method_not_allowed: 'Dieser Schritt verwendet keine Authenticator-App.',
  insufficient_scope: 'Eine Authenticator-App kann diesem Konto hier nicht hinzugefügt werden.',
  already_enrolled: 'Dieses Konto hat schon eine Authenticator-App.',
  error: 'Etwas ist schiefgegangen.',
};

const MESSAGES: Record<Language, Messages> = { en, de };

export const messagesFor = (language: string): Messages => MESSAGES[(LANGUAGES as readonly string[]).includes(language) ? (language as Language) : 'en'];

/** The sentence for an error code, or the generic one. */
export function describe(m: Messages, code: string): string {
  return Object.hasOwn(m, code) ? m[code as keyof Messages] : m.error;
}
