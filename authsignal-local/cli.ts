#!/usr/bin/env node
// Command line entry: `npx authsignal-local` from the installed package (dist/authsignal-local/cli.js), or
//   node --import tsx authsignal-local/cli.ts [--port 5050] [--host localhost] [--tenant-id local-tenant]
//     [--secret local-secret] [--rp-id localhost] [--rp-name "Authsignal local"]
//     [--origin http://localhost:5001]... [--data .data/authsignal-local.db | :memory:]
//     [--actions authsignal-local/actions.json]   (rules per action code; see README)
// Unknown or malformed flags: one line on stderr, exit code 2. `--help`: the flags and their defaults.
import { parseArgs } from 'node:util';
import { DEFAULTS, describeAuthsignalLocal, loadActionRules, startAuthsignalLocal, type AuthsignalLocalOptions } from './index.js';
import { stopOnSignals } from './server-kit/signals.js';

function fail(message: string): never {
  process.stderr.write(`authsignal-local: ${message}\n`);
  process.exit(2);
}

const HELP = `Usage: authsignal-local [options]

A local Authsignal-compatible server for development and tests (passkeys, authenticator app, pre-built UI).
Point the browser SDK (or the elements' base-url) and the Node SDK's apiUrl at the URL it prints.

  --port <n>          TCP port, 0 for a free one            (default ${DEFAULTS.port})
  --host <name>       interface to listen on                (default ${DEFAULTS.host})
  --tenant-id <id>    tenant id for the browser SDK         (default ${DEFAULTS.tenantId})
  --secret <secret>   API secret for the Node SDK           (default ${DEFAULTS.secret})
  --rp-id <host>      WebAuthn relying party id             (default ${DEFAULTS.rpId})
  --rp-name <name>    relying party name                    (default "${DEFAULTS.rpName}")
  --origin <url>      a page origin allowed to run ceremonies; repeat for more (default ${DEFAULTS.origins.join(' ')})
  --data <file>       SQLite file, or :memory: to keep nothing (default ${DEFAULTS.data})
  --actions <file>    JSON rules per action code (see actions.json in this package)
  --help              this text
`;

function readOptions(argv: string[]): AuthsignalLocalOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'tenant-id': { type: 'string' },
        secret: { type: 'string' },
        'rp-id': { type: 'string' },
        'rp-name': { type: 'string' },
        origin: { type: 'string', multiple: true },
        data: { type: 'string' },
        actions: { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    fail((error as Error).message.split('\n')[0] ?? 'invalid arguments');
  }
  if (values.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  const options: AuthsignalLocalOptions = {};
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535) fail(`--port must be 0-65535, got "${values.port}"`);
    options.port = port;
  }
  if (values.host !== undefined) options.host = values.host;
  if (values['tenant-id'] !== undefined) options.tenantId = values['tenant-id'];
  if (values.secret !== undefined) options.secret = values.secret;
  if (values['rp-id'] !== undefined) options.rpId = values['rp-id'];
  if (values['rp-name'] !== undefined) options.rpName = values['rp-name'];
  if (values.origin !== undefined) options.origins = values.origin;
  if (values.data !== undefined) options.data = values.data;
  if (values.actions !== undefined) {
    try {
      options.actions = loadActionRules(values.actions);
    } catch (error) {
      fail((error as Error).message);
    }
  }
  return options;
}

const options = readOptions(process.argv.slice(2));
let local;
try {
  local = await startAuthsignalLocal(options);
} catch (error) {
  // Option validation and "port in use" end here: one line, exit 2 for bad input, 1 otherwise.
  const message = (error as Error).message.split('\n')[0];
  if (error instanceof TypeError) fail(message ?? 'invalid options');
  process.stderr.write(`authsignal-local: ${message}\n`);
  process.exit(1);
}
// Signals first: whoever reads the line below may signal at once.
stopOnSignals('authsignal-local', () => local.stop());
console.log(describeAuthsignalLocal(local));

