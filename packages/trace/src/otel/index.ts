/**
 * `@aio/trace/otel`: OpenTelemetry spans for aio tasks. Needs `@opentelemetry/api` (an
 * optional peer dependency of `@aio/trace`, used by this entry only).
 *
 * @module
 */

export { type OtelInstrument, type OtelInstrumentOptions, otelInstrument } from './otelInstrument';
