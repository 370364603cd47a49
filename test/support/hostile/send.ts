import { Agent, request as httpRequest } from 'node:http';
import type { WireRequest } from './requests';

/** What came back: the status (0: no answer in time, -1: the connection failed) and how long it took. */
export interface Answer {
  status: number;
  ms: number;
  contentType: string;
  /** The first few hundred characters of the body, or the connection error. */
  text: string;
}

const TEXT_KEPT = 400;
/** The HTTP client refused to put the request on the wire (it is not valid HTTP); the server never saw it. */
export const NOT_SENT = -2;
/**
 * The server answered or closed before the whole body was sent, and the connection broke under the
 * rest of it: HTTP lets a server refuse early and close, so this is not counted against it.
 */
export const CLOSED_WHILE_SENDING = -3;

/**
 * Sends the request byte for byte (the path as given, no normalization) on its own connection.
 * An event stream counts as answered when its headers arrive; the stream is then closed.
 */
export function send(baseUrl: string, request: WireRequest, giveUpMs: number): Promise<Answer> {
  const url = new URL(baseUrl);
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let settled = false;
    // A connection of its own, kept alive as clients keep theirs: with `Connection: close` Node drops
    // the socket with an unread body still arriving, and the reset takes the answer with it.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const settle = (answer: Omit<Answer, 'ms'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      agent.destroy();
      resolve({ ...answer, ms: elapsed() });
    };
    const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
    let outgoing: ReturnType<typeof httpRequest>;
    try {
      outgoing = httpRequest({
        host: url.hostname,
        port: url.port,
        method: request.method,
        path: request.path,
        agent,
        headers: { ...request.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
      });
    } catch (error) {
      resolve({ status: NOT_SENT, ms: 0, contentType: '', text: String(error) });
      return;
    }
    const timer = setTimeout(() => {
      settle({ status: 0, contentType: '', text: `no answer within ${giveUpMs} ms` });
      outgoing.destroy();
    }, giveUpMs);
    let written = false;
    outgoing.on('finish', () => (written = true));
    outgoing.on('error', (error) =>
      settle({ status: written ? -1 : CLOSED_WHILE_SENDING, contentType: '', text: String(error) }),
    );
    outgoing.on('response', (response) => {
      const contentType = response.headers['content-type'] ?? '';
      const status = response.statusCode ?? -1;
      if (contentType.startsWith('text/event-stream')) {
        settle({ status, contentType, text: '(event stream)' });
        response.destroy();
        return;
      }
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        if (text.length < TEXT_KEPT) text += chunk.slice(0, TEXT_KEPT - text.length);
      });
      response.on('end', () => settle({ status, contentType, text }));
      response.on('error', (error) =>
        settle({ status: written ? -1 : CLOSED_WHILE_SENDING, contentType, text: String(error) }),
      );
    });
    outgoing.end(body);
  });
}
