// svelte-check's configuration for the type test (none needed: it stops looking further up, at the repo's vite.config.ts).
export default {};
