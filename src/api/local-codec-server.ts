import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PayloadCodec } from '@temporalio/common';
import express from 'express';
import type { Logger } from '../logger';
import { errorHandler } from './http-errors';
import { TEMPORAL_CODEC_PATH, temporalCodecCors, temporalCodecRoutes } from './ops/temporal-codec';

export interface LocalCodecServer {
  /** What the dev server's UI is pointed at (`--ui-codec-endpoint`). */
  endpoint: string;
  close(): Promise<void>;
}

/**
 * The codec endpoint for `npm start`'s Temporal UI, which has no sign-in and so cannot present an
 * operator token to the API's /ops/temporal-codec: the same routes on 127.0.0.1 only, for the UI's
 * origins only. Production runs none of it (the UI there signs in and the API's endpoint is used).
 */
export async function startLocalCodecServer(options: {
  port: number;
  codec: PayloadCodec;
  namespace: string;
  uiOrigins: string[];
  logger: Logger;
}): Promise<LocalCodecServer> {
  const app = express();
  app.disable('x-powered-by');
  app.use(TEMPORAL_CODEC_PATH, temporalCodecCors(options.uiOrigins));
  app.use(express.json({ limit: '8mb' }));
  app.use('/ops', temporalCodecRoutes({ codec: options.codec, namespace: () => options.namespace }));
  app.use(errorHandler(options.logger));
  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(options.port, '127.0.0.1', (error?: Error) =>
      error ? reject(error) : resolve(listening),
    );
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}${TEMPORAL_CODEC_PATH}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
