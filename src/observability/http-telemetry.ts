import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Request, RequestHandler } from 'express';
import { annotateLogContext, runWithLogContext } from './log-context';
import { httpRequestDuration, httpRequestsTotal } from './metrics';

const tracer = trace.getTracer('order-status-tracking/http');

/** The express route pattern that answered (`/ops/orders/:orderId`), never the raw path. */
export function routePattern(req: Request): string {
  const route = req.route as { path?: unknown } | undefined;
  if (!route || route.path === undefined) return 'unmatched';
  return `${req.baseUrl}${String(route.path)}`;
}

/**
 * First middleware of the app: a server span per request (continuing a caller's W3C traceparent),
 * the request's log context, and the request count and latency by route pattern and status.
 */
export function httpTelemetry(): RequestHandler {
  return (req, res, next) => {
    const startedAt = process.hrtime.bigint();
    const parent = propagation.extract(context.active(), req.headers);
    const span = tracer.startSpan(
      req.method,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'url.path': req.path } },
      parent,
    );
    res.on('finish', () => {
      const route = routePattern(req);
      const labels = { method: req.method, route, status: String(res.statusCode) };
      const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
      httpRequestsTotal.inc(labels);
      httpRequestDuration.observe(labels, seconds);
      span.updateName(`${req.method} ${route}`);
      span.setAttribute('http.route', route);
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    runWithLogContext({}, () => context.with(trace.setSpan(parent, span), next));
  };
}

/** Mounted on paths with an :orderId: names the order in the request's log lines. */
export function orderInLogContext(): RequestHandler {
  return (req, _res, next) => {
    const orderId = req.params.orderId;
    if (typeof orderId === 'string') annotateLogContext({ orderId });
    next();
  };
}
