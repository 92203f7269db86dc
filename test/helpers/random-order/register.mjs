// `node --import tsx --import ./test/helpers/random-order/register.mjs --test …`: every `node:test`
// import of the test files gets shuffled-node-test.mjs instead, which registers the tests of each
// file and of each describe() in a random order. TEST_SEED=<n> replays an order; the seed in use is
// printed to stderr. run.ts drives it (each file alone, shuffled several times, each test alone).
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
