// Module resolve hook for register.mjs: 'node:test' → the shuffling wrapper (except for the wrapper itself).
const wrapper = new URL('./shuffled-node-test.mjs', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if ((specifier === 'node:test' || specifier === 'test') && context.parentURL !== wrapper) {
    return { url: wrapper, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}
