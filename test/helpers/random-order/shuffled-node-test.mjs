// node:test with the order of registration shuffled: test()/it() calls are held back and registered in
// a seeded random order, at the end of their describe() body or, at the top level of a file, once the
// file has been evaluated. Hooks (before, beforeEach, …) and t.test() subtests are untouched.
import * as real from 'node:test';

const seed = Number(process.env.TEST_SEED ?? Math.floor(Math.random() * 2 ** 31));
process.stderr.write(`random order: TEST_SEED=${seed}\n`);

// mulberry32: small, seedable, good enough to shuffle.
let state = seed >>> 0;
function random() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
function shuffle(items) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** Pending registrations of the describe() body being run (the last entry), or of the file. */
const scopes = [];
let topLevel;

function hold(register) {
  if (scopes.length > 0) {
    scopes.at(-1).push(register);
    return;
  }
  if (!topLevel) {
    topLevel = [];
    setImmediate(() => {
      const held = topLevel;
      topLevel = undefined;
      for (const r of shuffle(held)) r();
    });
  }
  topLevel.push(register);
}

function shuffledTest(fn) {
  return (...args) => {
    hold(() => fn(...args));
  };
}

function shuffledSuite(fn) {
  return (...args) => {
    const body = args.findLastIndex((a) => typeof a === 'function');
    if (body >= 0) {
      const original = args[body];
      args[body] = function (...suiteArgs) {
        scopes.push([]);
        let result;
        try {
          result = original.apply(this, suiteArgs);
        } finally {
          for (const r of shuffle(scopes.pop())) r();
        }
        return result;
      };
    }
    hold(() => fn(...args));
  };
}

function withVariants(wrap, fn) {
  const wrapped = wrap(fn);
  for (const variant of ['skip', 'todo', 'only']) if (fn[variant]) wrapped[variant] = wrap(fn[variant]);
  return wrapped;
}

export const test = withVariants(shuffledTest, real.test);
export const it = withVariants(shuffledTest, real.it);
export const describe = withVariants(shuffledSuite, real.describe);
export const suite = real.suite ? withVariants(shuffledSuite, real.suite) : undefined;
export const { before, after, beforeEach, afterEach, mock, run } = real;
export default test;
