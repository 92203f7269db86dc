import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The designers' playground: `vite build --config demo/playground/vite.config.ts` writes dist/playground,
 * served by the demo server under /playground/ (see routes.ts). Two pages: the playground itself and the
 * workbench it frames, where real ceremonies run in a page of their own (see workbench.ts for why).
 */
export default defineConfig({
  root: here('.'),
  base: '/playground/',
  // The repo's public/ (if any) is not the playground's.
  publicDir: false,
  build: {
    outDir: here('../../dist/playground'),
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      input: { index: here('index.html'), workbench: here('workbench.html') },
    },
  },
});
