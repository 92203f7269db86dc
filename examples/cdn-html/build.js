// Copies the package's CDN folder to public/assets/ (the whole folder: the ceremonies and the SDK load after
// the page as passkey-ceremonies.js) and writes public/index.html with your tenant's <meta> tags.
//   AUTHSIGNAL_TENANT_ID=… AUTHSIGNAL_URL=https://api.authsignal.com/v1 npm run build
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const cdn = dirname(fileURLToPath(import.meta.resolve('authsignal-passkey-elements/cdn/passkey-elements.js')));
rmSync('public', { recursive: true, force: true });
mkdirSync('public');
cpSync(cdn, 'public/assets', { recursive: true });

const attribute = (value) => value.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);
const html = readFileSync('src/index.html', 'utf8')
  .replace('%AUTHSIGNAL_TENANT_ID%', attribute(process.env.AUTHSIGNAL_TENANT_ID ?? 'local-tenant'))
  .replace('%AUTHSIGNAL_URL%', attribute(process.env.AUTHSIGNAL_URL ?? 'http://localhost:5050/v1'));
writeFileSync('public/index.html', html);
console.log(`public/: index.html and assets/ from ${cdn}`);
