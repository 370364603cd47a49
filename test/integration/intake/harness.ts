import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type express from 'express';
import pino from 'pino';
import type { CanonicalOrder } from '../../../src/domain/order';
import type { OrderStarter } from '../../../src/intake/contract';
import { gateOperator } from '../../../src/api/ops';
import { intakeOpsRoutes } from '../../../src/api/ops/intake';
import { createIntake } from '../../../src/intake/create-intake';
import type { IntakeConfigInput } from '../../../src/intake/config';
import {
  createChannelSimulator,
  type ChannelSimulator,
} from '../../../src/simulators/channels/channel-simulator';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { gatedApp } from '../../support/gated-app';
import { operatorCredentials } from '../../support/ops-credentials';

export const SECRETS = {
  shopify: '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',
  woocommerce: 'wc-secret-7d41c9a0e2',
  squareKey: 'sq0wbk-3Yk1r9pXgQm0vA',
  amazonToken: 'amzn-relay-token-0192',
};
export const SELLER_ID = 'A3TH9S8BH6GOGM';
export const SP_API_TOKEN = 'Atza|IwEBIE-test-seller-token';
export const SQUARE_TOKEN = 'EAAAl-test-merchant-token';

/** An OrderStarter that records what it was asked to start; the order core's starter is tested elsewhere. */
export function recordingStarter(): OrderStarter & { started: CanonicalOrder[]; calls: number } {
  const known = new Set<string>();
  const started: CanonicalOrder[] = [];
  const starter = Object.assign(
    async (order: CanonicalOrder) => {
      starter.calls += 1;
      const created = !known.has(order.orderId);
      known.add(order.orderId);
      if (created) started.push(order);
      return { orderId: order.orderId, workflowId: `order-${order.orderId}`, created };
    },
    { started, calls: 0 },
  );
  return starter;
}

export interface Harness {
  url: string;
  simulatorUrl: string;
  squareNotificationUrl: string;
  database: TestDatabase;
  simulator: ChannelSimulator;
  starter: ReturnType<typeof recordingStarter>;
  /** What `ops` sends unless told otherwise: a token of `token:ops.alice`, scope intake:ops only. */
  opsCredentials: Record<string, string>;
  post(
    path: string,
    body: string | Buffer,
    headers?: Record<string, string>,
  ): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }>;
  ops(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; json: Record<string, unknown> }>;
  close(): Promise<void>;
}

function listen(app: express.Express): Promise<{ server: Server; url: string }> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => {
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    });
  });
}

export async function startHarness(overrides: Partial<IntakeConfigInput> = {}): Promise<Harness> {
  const database = await createTestDatabase('ost_intake');
  const simulator = createChannelSimulator();
  const sim = await listen(simulator.app);
  const starter = recordingStarter();
  // The service's own front: the access gate opens each route's door as the route catalogue declares.
  const { app, finish } = gatedApp(database.db);
  const opsCredentials = await operatorCredentials(database.db, 'ops.alice', ['intake:ops']);
  // The notification URL is part of Square's signed text, so it must be fixed before the server listens.
  const port = await new Promise<number>((resolve) => {
    const probe = app.listen(0, '127.0.0.1', () => {
      const chosen = (probe.address() as AddressInfo).port;
      probe.close(() => resolve(chosen));
    });
  });
  const squareNotificationUrl = `http://127.0.0.1:${port}/intake/square/sq-main`;
  const config: IntakeConfigInput = {
    shopify: {
      'northwind-outdoor': {
        webhookSecret: SECRETS.shopify,
        adminApiBaseUrl: `${sim.url}/shopify/northwind-outdoor`,
        accessToken: 'shpat_test',
      },
    },
    woocommerce: {
      'kaffee-haus': {
        webhookSecret: SECRETS.woocommerce,
        apiBaseUrl: `${sim.url}/woocommerce/kaffee-haus`,
        consumerKey: 'ck_test',
        consumerSecret: 'cs_test',
      },
    },
    square: {
      'sq-main': {
        signatureKey: SECRETS.squareKey,
        notificationUrl: squareNotificationUrl,
        apiBaseUrl: `${sim.url}/square`,
        accessToken: SQUARE_TOKEN,
        merchantId: 'MLEFBHHSJGVHD',
        locationIds: ['FPYCBCHYMXFK1'],
      },
    },
    amazon: {
      notificationToken: SECRETS.amazonToken,
      sellers: {
        [SELLER_ID]: {
          apiBaseUrl: `${sim.url}/amazon`,
          accessToken: SP_API_TOKEN,
          marketplaceIds: ['ATVPDKIKX0DER'],
        },
      },
    },
    rateLimits: { default: { perSecond: 100_000, burst: 100_000 }, channels: {} },
    ...overrides,
  };
  const intake = createIntake({
    db: database.db,
    startOrder: starter,
    config,
    logger: pino({ level: 'error' }),
  });
  app.use(intake.router);
  app.use('/ops/intake', intakeOpsRoutes({ flow: intake.flow, principalOf: gateOperator }));
  finish();
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(port, '127.0.0.1', () => resolve(listening));
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    simulatorUrl: sim.url,
    squareNotificationUrl,
    database,
    simulator,
    starter,
    opsCredentials,
    async post(path, body, headers = {}) {
      const response = await fetch(url + path, { method: 'POST', body, headers });
      const text = await response.text();
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(text) as Record<string, unknown>;
      } catch {
        json = { text };
      }
      return { status: response.status, json, headers: response.headers };
    },
    async ops(method, path, body, headers = {}) {
      const response = await fetch(`${url}/ops/intake${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...opsCredentials, ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, json: (await response.json()) as Record<string, unknown> };
    },
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await new Promise((resolve) => sim.server.close(resolve));
      await database.drop();
    },
  };
}
