// Every SQLite connection of both servers is opened here, with the same settings:
//  - WAL journal: readers never block the writer and a second process on the same file works
//    alongside; a commit is in the WAL before the statement returns, so a process killed with SIGKILL
//    right after answering loses nothing it acknowledged (synchronous stays at SQLite's default, FULL).
//  - A busy timeout: a write that finds the file locked by another connection or process waits up to
//    BUSY_TIMEOUT_MS instead of failing at once with SQLITE_BUSY (which became a 500, or a lost write).
//  - One connection per client: libsql's calls are synchronous, so a pool would only serve interactive
//    transactions, which these servers do not use; one connection also keeps per-connection pragmas
//    (foreign_keys) in force for every statement.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Client } from '@libsql/client';

export const BUSY_TIMEOUT_MS = 5000;

/** Opens a file path, a `file:` URL or ':memory:' (folders are created). */
export async function openSqlite(path: string, pragmas: string[] = []): Promise<Client> {
  let url = ':memory:';
  if (path !== ':memory:') {
    // A `file:` URL is taken as is; a plain path is made absolute. Either way the folder is created.
    url = path.startsWith('file:') ? path : `file:${resolve(path)}`;
    const filePath = url.slice('file:'.length).replace(/^\/\/(?=\/)/, '').split('?')[0]!;
    if (filePath && filePath !== ':memory:') mkdirSync(dirname(resolve(filePath)), { recursive: true });
  }
  const memory = url.includes(':memory:');
  const { createClient } = await loadLibsql();
  const client = createClient({ url, timeout: BUSY_TIMEOUT_MS, concurrency: 1 });
  try {
    if (!memory) await client.execute('PRAGMA journal_mode = WAL');
    for (const pragma of pragmas) await client.execute(`PRAGMA ${pragma}`);
  } catch (error) {
    client.close();
    throw error;
  }
  return client;
}

/**
 * Loaded when a database opens, not with the module: the npm package ships the local server with
 * @libsql/client as an optional peer (a native binary per platform, which an app that only uses the elements
 * should not install), so importing the server or `authsignal-local --help` works without it.
 */
async function loadLibsql(): Promise<typeof import('@libsql/client')> {
  try {
    return await import('@libsql/client');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && (error as Error).message.includes("'@libsql/client'")) {
      throw new Error('authsignal-local keeps its data with @libsql/client, which the elements do not install: run `npm install --save-dev @libsql/client`.', { cause: error });
    }
    throw error;
  }
}
