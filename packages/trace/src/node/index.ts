/**
 * `@aio/trace/node`: the Node-only tools — a task dump on a signal, and task events on
 * `node:diagnostics_channel`.
 *
 * @module
 */

export { publishDiagnostics, diagnosticsChannels } from './diagnostics';
export { type DumpOptions, dumpOnSignal } from './dumpOnSignal';
