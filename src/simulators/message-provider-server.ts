import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express, Request, Response } from 'express';

/**
 * Fault injection shared by the provider simulators. A failing call answers 429 or 5xx, or does
 * not answer before the client gives up: "timeout" drops the request, "timeout_after_accept"
 * accepts and records it and then stays silent, the case that tempts clients into a second send.
 */
export type InjectedFault = '429' | '500' | '503' | 'timeout' | 'timeout_after_accept';

export interface FailureMode {
  /** Share of calls that fail, 0..1. */
  rate: number;
  /** Faults picked at random for a failing call. */
  faults: InjectedFault[];
  /** How long a timed-out call stays silent before the socket is closed. */
  timeoutMs: number;
}

export const NO_FAILURES: FailureMode = { rate: 0, faults: ['503'], timeoutMs: 30_000 };

export interface FaultInjector {
  set(mode: Partial<FailureMode>): void;
  /** The fault for this call, or undefined when it should succeed. */
  next(): InjectedFault | undefined;
  readonly mode: FailureMode;
  counts: Record<InjectedFault, number>;
}

export function createFaultInjector(
  initial: Partial<FailureMode> = {},
  random: () => number = Math.random,
): FaultInjector {
  let mode: FailureMode = { ...NO_FAILURES, ...initial };
  const counts: Record<InjectedFault, number> = {
    '429': 0,
    '500': 0,
    '503': 0,
    timeout: 0,
    timeout_after_accept: 0,
  };
  return {
    set(update) {
      mode = { ...mode, ...update };
    },
    get mode() {
      return mode;
    },
    counts,
    next() {
      if (mode.rate <= 0 || mode.faults.length === 0 || random() >= mode.rate) return undefined;
      const fault = mode.faults[Math.floor(random() * mode.faults.length)] ?? mode.faults[0];
      if (fault) counts[fault] += 1;
      return fault;
    },
  };
}

/** Leaves the request unanswered for timeoutMs, then drops the connection. */
export function stallThenDrop(req: Request, res: Response, timeoutMs: number): void {
  const timer = setTimeout(() => res.socket?.destroy(), timeoutMs);
  timer.unref();
  req.on('close', () => clearTimeout(timer));
}

/** How one provider words the failures it answers with. */
export interface FaultReplies {
  tooManyRequests(res: Response): void;
  serverError(res: Response, status: 500 | 503): void;
}

/**
 * Answers a fault that comes before the request is accepted: 429, 500/503 in the provider's words,
 * or silence ("timeout"). True when the call has been answered and the handler must stop.
 */
export function answerFaultBeforeAccept(
  fault: InjectedFault | undefined,
  faults: FaultInjector,
  replies: FaultReplies,
  { req, res }: { req: Request; res: Response },
): boolean {
  if (fault === '429') replies.tooManyRequests(res);
  else if (fault === '500' || fault === '503') replies.serverError(res, fault === '500' ? 500 : 503);
  else if (fault === 'timeout') stallThenDrop(req, res, faults.mode.timeoutMs);
  else return false;
  return true;
}

/** Withholds the answer to an accepted request ("timeout_after_accept"); true when it did. */
export function stallAfterAccept(
  fault: InjectedFault | undefined,
  faults: FaultInjector,
  { req, res }: { req: Request; res: Response },
): boolean {
  if (fault !== 'timeout_after_accept') return false;
  stallThenDrop(req, res, faults.mode.timeoutMs);
  return true;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 (port 0 picks a free one). close() also cuts stalled connections. */
export async function listen(app: Express, port = 0): Promise<RunningServer> {
  const server: Server = await new Promise((resolve) => {
    const created = app.listen(port, '127.0.0.1', () => resolve(created));
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
