import type { Server } from 'node:http';
import type { Express } from 'express';
import { attachLiveStreams, liveStreamsOf } from './live-streams';

/** Requests still running this long after close are cut off, so a stop always finishes. */
const CLOSE_GRACE_MS = 3000;

export function listen(app: Express, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, (error?: Error) => (error ? reject(error) : resolve(server)));
    const streams = liveStreamsOf(app);
    if (streams) attachLiveStreams(server, streams);
  });
}

/**
 * Stops taking connections and waits for the open requests. Server-sent event streams never finish
 * by themselves: the app's live streams are ended first (clients reconnect elsewhere).
 */
export function closeServer(server: Server, graceMs = CLOSE_GRACE_MS): Promise<void> {
  liveStreamsOf(server)?.closeAll();
  return new Promise((resolve) => {
    const cutOff = setTimeout(() => server.closeAllConnections(), graceMs);
    cutOff.unref();
    server.close(() => {
      clearTimeout(cutOff);
      resolve();
    });
    server.closeIdleConnections();
  });
}
