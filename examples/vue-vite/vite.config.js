import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  plugins: [
    vue({
      // The passkey elements are custom elements, not Vue components.
      template: { compilerOptions: { isCustomElement: (tag) => tag.includes('passkey') } },
    }),
  ],
  // `npm run dev`: the API is the example backend (../node-backend, PORT=3000).
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
