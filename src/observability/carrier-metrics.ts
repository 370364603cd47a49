import { carrierApiDuration, carrierApiErrorsTotal } from './metrics';

function outcomeOf(status: number | undefined): string {
  if (status === undefined) return 'network_error';
  if (status >= 500 || status === 429) return 'server_error';
  if (status >= 400) return 'client_error';
  return 'ok';
}

/** One carrier API attempt: its latency, and an error when the carrier did not answer usefully. */
export function recordCarrierAttempt(carrier: string, startedAt: number, status: number | undefined): void {
  const outcome = outcomeOf(status);
  carrierApiDuration.observe({ carrier, outcome }, (Date.now() - startedAt) / 1000);
  if (outcome === 'network_error' || outcome === 'server_error') {
    carrierApiErrorsTotal.inc({ carrier, kind: status === undefined ? 'network' : String(status) });
  }
}
