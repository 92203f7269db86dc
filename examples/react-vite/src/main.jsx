import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { configurePasskeyElements } from 'authsignal-passkey-elements';
import { App } from './App.jsx';

// Your tenant (build-time settings; the defaults are the local Authsignal-compatible server's).
configurePasskeyElements({
  tenantId: import.meta.env.VITE_AUTHSIGNAL_TENANT_ID ?? 'local-tenant',
  baseUrl: import.meta.env.VITE_AUTHSIGNAL_URL ?? 'http://localhost:5050/v1',
});

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
