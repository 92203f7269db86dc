// Servers as real processes (node with tsx as a loader: one process, as `npm start` runs them), for the
// tests that kill them. Each waits for the line that says where the server listens, never for a time.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  /** The first capture of `ready` in the output, e.g. the API URL. */
  url: string;
  /** Everything written so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code or signal. */
  exited: Promise<string>;
}

/** Spawns `command` and resolves once its output matches `ready` (rejects if it exits first or takes 30 s). */
export async function startProcess(command: string, args: string[], ready: RegExp, env: NodeJS.ProcessEnv = {}): Promise<ServerProcess> {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = once(child, 'exit').then(([code, signal]) => String(signal ?? code));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line within 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] ?? match[0]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`exited (${how}) before it was ready:\n${output}`));
    });
  });
  return { child, url, output: () => output, exited };
}

/** `npm run authsignal-local`'s process: the CLI, on a free port, on the given data file. */
export function startLocalServerProcess(data: string, origin: string): Promise<ServerProcess> {
  return startProcess(
    process.execPath,
    ['--import', 'tsx', 'authsignal-local/cli.ts', '--port', '0', '--data', data, '--origin', origin],
    /listening on (http:\/\/\S+\/v1)/,
  );
}
