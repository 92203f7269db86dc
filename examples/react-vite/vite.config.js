import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `npm run dev`: the API is the example backend (../node-backend, PORT=3000).
export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
