// `npm run manifest` writes custom-elements.json from the elements' JSDoc; CI fails when it is stale.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.styles.ts', 'src/locales/**'],
  litelement: true,
  dependencies: false,
  // package.json's "customElements" is written by hand: with --outdir (the freshness check in npm test) the
  // analyzer would otherwise point it at that temporary folder.
  packagejson: false,
  plugins: [
    {
      // The analyzer lists modules in the order it happened to read them, which varies from run to run (a
      // committed manifest then looks stale by chance): list them by path.
      name: 'modules-by-path',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      },
    },
    {
      // `dispatchEvent(new SomeEvent())` is recorded as a nameless event, and `new ErrorEvent(detail)` as an event
      // named `detail`; the @fires tags carry the real ones (each with its description). The typings
      // (scripts/typings.ts) are generated from these events.
      name: 'only-documented-events',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const declaration of mod.declarations ?? []) {
            if (declaration.events) declaration.events = declaration.events.filter((event) => event.name && event.description);
          }
        }
      },
    },
  ],
};
