import type { PasskeyMessages } from '../internal/messages.js';

/** 日本語. */
export default {
  signIn: 'パスキーでサインイン',
  addPasskey: 'パスキーを追加',
  username: 'ユーザー名',
  waiting: 'パスキーを待っています…',
  signedIn: 'サインインしました。',
  added: 'パスキーを追加しました。',
  cancelled: 'パスキーは使用されませんでした。',
  unsupported: 'このブラウザはパスキーに対応していません。',
  'not-configured': 'このページではパスキーが設定されていません。',
  network: 'サーバーに接続できませんでした。接続を確認して、もう一度お試しください。',
  timeout: 'サーバーの応答に時間がかかりすぎました。もう一度お試しください。',
  'token-missing': 'このページではパスキーが設定されていません。',
  'token-fetch-failed': 'パスキーの準備ができませんでした。もう一度サインインしてからお試しください。',
  'token-expired': 'このページの有効期限が切れました。再読み込みして、もう一度お試しください。',
  'already-registered': 'このデバイスには、このアカウントのパスキーがすでにあります。',
  'unknown-passkey': 'このパスキーは登録されていません。別の方法でサインインしてください。',
  'not-verified': 'パスキーを確認できませんでした。',
  server: '問題が発生しました。もう一度お試しください。',
  webauthn: 'このブラウザでは、ここでパスキーを使用できませんでした。',
} satisfies PasskeyMessages;
