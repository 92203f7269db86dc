// Ctrl-C and `kill` stop a server cleanly: it stops accepting, ends open connections, closes its
// database, then the process exits 0 (1 when stopping failed). A second signal while stopping is ignored.
//
// The parent is watched too: `npm start` runs the server as npm's direct child (`exec node --import
// tsx …`, one process, no tsx wrapper), and SIGKILL of npm cannot be caught by anyone. The server then
// finds itself re-parented and stops by itself within a second instead of holding its port as an orphan.
export const PARENT_CHECK_MS = 500;

export function stopOnSignals(name: string, stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${name}: ${signal}, stopping`);
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`${name}: stop failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(watch);
    onSignal('parent process gone');
  }, PARENT_CHECK_MS);
  watch.unref();
}
