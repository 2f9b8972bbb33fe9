/**
 * `@aio/trace`: instrumentation for `@aio/core` event loops.
 *
 * Nothing is exported yet: the trace issue adds each section below, and this
 * list stays explicit (no `export *`).
 *
 * @module
 */

// Instruments (loop and task hooks)

// Call graph

// Recorders and exporters

export {};
