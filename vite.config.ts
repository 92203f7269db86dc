import { defineConfig } from 'vite';

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
        build: {
          outDir: 'dist/cdn',
          emptyOutDir: true,
          target: 'es2022',
          // Not lib mode: lib mode never minifies whitespace in ES output, and this file is served as is.
          rolldownOptions: {
            input: 'src/index.ts',
            preserveEntrySignatures: 'strict',
            output: { entryFileNames: 'passkey-elements.js', chunkFileNames: 'authsignal-browser-[hash].js' },
          },
        },
      }
    : {
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
