import { context, propagation, ROOT_CONTEXT } from '@opentelemetry/api';

/** The active trace as W3C headers (traceparent, tracestate), to be stored with work done later. */
export function currentTraceContext(): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}

/** Runs work stored earlier inside the trace it was stored from, so its spans join that trace. */
export function inTraceContext<T>(
  carrier: Record<string, string> | null,
  work: () => Promise<T>,
): Promise<T> {
  if (!carrier || Object.keys(carrier).length === 0) return work();
  return context.with(propagation.extract(ROOT_CONTEXT, carrier), work);
}
