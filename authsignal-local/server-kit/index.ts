// Plumbing both servers share (this one and the demo server, which imports it from here): a request
// log, listening and stopping, signal handling, SQLite opening, and a control-character check. It
// imports nothing from either server, so the arrows only point into it.
export { requestLog, maskSecret, type LogFn } from './log.js';
export { listen, type Listening, type ListenOptions, type ParserErrorStatus } from './listen.js';
export { stopOnSignals } from './signals.js';
export { openSqlite, BUSY_TIMEOUT_MS } from './sqlite.js';
export { hasControlCharacters } from './text.js';
