import type { Response } from 'express';
import { sendProblem } from '../api/problem';

export interface LiveStreamLimits {
  /** Open streams of one order (or one customer's inbox) at once. */
  perSubject: number;
  /** Open streams of this process at once. */
  total: number;
  /** Seconds a refused client is told to wait (Retry-After). */
  retryAfterSeconds: number;
}

export interface LiveStreams {
  /**
   * Counts a new stream for the subject, or answers 429 (the subject has its share), 503 (the process
   * is full or shutting down) with Retry-After and returns false. The stream is counted until `res`
   * closes.
   */
  admit(subject: string, res: Response): boolean;
  openCount(subject?: string): number;
  /** Ends every open stream and refuses new ones, so the HTTP server can close. */
  closeAll(): void;
}

export const DEFAULT_LIVE_STREAM_LIMITS: LiveStreamLimits = {
  perSubject: 20,
  total: 2000,
  retryAfterSeconds: 30,
};

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name}: must be a positive whole number`);
  return value;
}

/** LIVE_STREAMS_PER_ORDER, LIVE_STREAMS_TOTAL, LIVE_STREAMS_RETRY_AFTER_SECONDS. */
export function liveStreamLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): LiveStreamLimits {
  const d = DEFAULT_LIVE_STREAM_LIMITS;
  return {
    perSubject: positiveInteger(env, 'LIVE_STREAMS_PER_ORDER', d.perSubject),
    total: positiveInteger(env, 'LIVE_STREAMS_TOTAL', d.total),
    retryAfterSeconds: positiveInteger(env, 'LIVE_STREAMS_RETRY_AFTER_SECONDS', d.retryAfterSeconds),
  };
}

export function createLiveStreams(limits: LiveStreamLimits = DEFAULT_LIVE_STREAM_LIMITS): LiveStreams {
  const bySubject = new Map<string, Set<Response>>();
  let total = 0;
  let closing = false;

  const refuse = (res: Response, status: 429 | 503, detail: string) => {
    res.set('Retry-After', String(limits.retryAfterSeconds));
    sendProblem(res, status, status === 429 ? 'too_many_streams' : 'streams_unavailable', detail);
  };

  const release = (subject: string, res: Response) => {
    const open = bySubject.get(subject);
    if (!open?.delete(res)) return;
    total -= 1;
    if (open.size === 0) bySubject.delete(subject);
  };

  return {
    admit(subject, res) {
      if (closing) {
        refuse(res, 503, 'The service is shutting down; reconnect shortly.');
        return false;
      }
      if (total >= limits.total) {
        refuse(res, 503, 'Too many live streams are open on this server; try again shortly.');
        return false;
      }
      const open = bySubject.get(subject) ?? new Set<Response>();
      if (open.size >= limits.perSubject) {
        refuse(res, 429, 'Too many live streams are open for this order; close one or try again later.');
        return false;
      }
      open.add(res);
      bySubject.set(subject, open);
      total += 1;
      res.on('close', () => release(subject, res));
      return true;
    },
    openCount(subject) {
      return subject === undefined ? total : (bySubject.get(subject)?.size ?? 0);
    },
    closeAll() {
      closing = true;
      // Ending the socket too: a kept-alive connection would otherwise hold the server's close open.
      for (const open of bySubject.values())
        for (const res of open) {
          res.end();
          res.socket?.end();
        }
    },
  };
}

const REGISTRY = Symbol.for('order-status-tracking.live-streams');

/** Remembers an app's live streams so that closing its server can end them first. */
export function attachLiveStreams(holder: object, streams: LiveStreams): void {
  (holder as Record<symbol, LiveStreams>)[REGISTRY] = streams;
}

export function liveStreamsOf(holder: object): LiveStreams | undefined {
  return (holder as Record<symbol, LiveStreams | undefined>)[REGISTRY];
}
