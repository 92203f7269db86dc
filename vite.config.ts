import { defineConfig, type Plugin } from 'vite';
import { minifyHTMLLiterals } from 'minify-literals';

/** Minifies the CSS and HTML inside the elements' css`` and html`` templates (a bundler leaves strings alone). */
const minifyTemplates = (): Plugin => ({
  name: 'minify-lit-templates',
  async transform(code, id) {
    if (!id.includes('/src/') || !/\.ts$/.test(id)) return null;
    const result = await minifyHTMLLiterals(code, { fileName: id });
    return result ? { code: result.code, map: result.map?.toString() } : null;
  },
});

/**
 * `vite build`            the npm package: one ES module per element and per define, lit and the SDK external.
 * `vite build --mode cdn` dist/cdn/passkey-elements.js, self-contained for <script type="module">; the SDK is a
 *                         chunk beside it, loaded on first use.
 */
const entries = {
  index: 'src/index.ts',
  events: 'src/events.ts',
  'passkey-autofill-input/passkey-autofill-input': 'src/passkey-autofill-input/passkey-autofill-input.ts',
  'passkey-autofill-input/define': 'src/passkey-autofill-input/define.ts',
  'passkey-signin-button/passkey-signin-button': 'src/passkey-signin-button/passkey-signin-button.ts',
  'passkey-signin-button/define': 'src/passkey-signin-button/define.ts',
  'add-passkey-button/add-passkey-button': 'src/add-passkey-button/add-passkey-button.ts',
  'add-passkey-button/define': 'src/add-passkey-button/define.ts',
};

export default defineConfig(({ mode }) =>
  mode === 'cdn'
    ? {
        plugins: [minifyTemplates()],
        build: {
          outDir: 'dist/cdn',
          emptyOutDir: true,
          target: 'es2022',
          // Lib mode: no module-preload helper around the SDK's import(). It never minifies ES output on its
          // own (to keep pure annotations for the users' bundlers), but this file is served as is: minify here.
          lib: { entry: { 'passkey-elements': 'src/index.ts' }, formats: ['es'] },
          rolldownOptions: {
            output: {
              minify: true,
              // The ceremonies with the SDK (src/internal/engine.ts), loaded after the page's load or by an
              // autofill input, under a stable name so a login page can preload it
              // (<link rel="modulepreload" href=".../passkey-ceremonies.js">); each language but English, loaded
              // only by pages in it.
              chunkFileNames: (chunk) =>
                chunk.moduleIds.some((id) => id.includes('/src/locales/')) ? 'locale-[name]-[hash].js' : 'passkey-ceremonies.js',
            },
          },
        },
      }
    : {
        plugins: [minifyTemplates()],
        build: {
          outDir: 'dist',
          emptyOutDir: false, // tsc has written the .d.ts files
          target: 'es2022',
          minify: false, // bundlers of the users' apps minify; readable code is easier to debug
          lib: { entry: entries, formats: ['es'] },
          rolldownOptions: {
            external: [/^lit(\/|$)/, /^@lit\//, /^@authsignal\/browser$/],
            output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
          },
        },
      },
);
