/**
 * Serves React 19 to the browser tests as one ES module at /__react.js (React ships CommonJS only), so the
 * elements are tested under a real React root, StrictMode included.
 */
import type { TestRunnerPlugin } from '@web/test-runner';
import { build } from 'esbuild';

const ENTRY = `import * as React from 'react';
import * as ReactDOMClient from 'react-dom/client';
export { React, ReactDOMClient };`;

export function reactModule(): TestRunnerPlugin {
  let bundle: Promise<string> | undefined;
  return {
    name: 'react-module',
    serve(context) {
      if (context.path !== '/__react.js') return undefined;
      bundle ??= build({
        stdin: { contents: ENTRY, resolveDir: process.cwd(), loader: 'js' },
        bundle: true,
        format: 'esm',
        write: false,
        define: { 'process.env.NODE_ENV': '"development"' },
        logLevel: 'silent',
      }).then((result) => result.outputFiles[0]!.text);
      return bundle.then((body) => ({ body, type: 'js' }));
    },
  };
}
