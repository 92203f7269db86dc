// Serves two folders read-only: the elements' browser bundle (dist/cdn, built by `npm run build`)
// and the demo's stylesheet and script. Only plain file names are served (no sub-paths, no dots at
// the start), so no request can climb out of the folder.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Context } from 'hono';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export function serveFolder(folder: string) {
  return async (c: Context) => {
    const name = c.req.param('file') ?? '';
    const extension = name.slice(name.lastIndexOf('.'));
    if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(name) || !(extension in TYPES)) return c.notFound();
    let body: Buffer;
    try {
      body = await readFile(join(folder, name));
    } catch {
      return c.notFound();
    }
    return c.body(new Uint8Array(body), 200, {
      'Content-Type': TYPES[extension]!,
      // Rebuilt bundles keep their entry name: revalidate instead of caching forever.
      'Cache-Control': 'no-cache',
    });
  };
}
