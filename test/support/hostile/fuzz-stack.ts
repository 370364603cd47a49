import { generateKeyPairSync } from 'node:crypto';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { orderSubmissionSchema, toCanonicalOrder } from '../../../src/domain/order';
import { seedDemoStock } from '../../../src/inventory/demo-stock';
import { issueChannelApiKey } from '../../../src/intake/api-keys';
import { queryOrderView, sendFulfillmentEvent, startOrderWorkflow } from '../../../src/orders/order-client';
import { createChannelSimulator } from '../../../src/simulators/channels/channel-simulator';
import { eventually } from '../http';
import {
  startOrderStack,
  TEST_UPS_TRACK_ALERT_CREDENTIAL,
  TEST_WEBHOOK_SECRETS,
  type OrderStack,
} from '../order-stack';
import { sampleOrder } from '../orders';
import type { DoorSecrets } from './doors';

/** The service under fuzzing, the secrets of its doors and the orders in flight in it. */
export interface FuzzStack {
  stack: OrderStack;
  baseUrl: string;
  secrets: DoorSecrets;
  orderIds: string[];
  stop(): Promise<void>;
}

const CHANNEL = {
  shopify: 'shpss_fuzz_0c1e6a9b7d4c2e8f',
  woocommerce: 'wc-fuzz-7d41c9a0e2',
  square: 'sq0wbk-fuzz-3Yk1r9pX',
  squareUrl: 'https://orders.example.com/intake/square/acme-square',
  amazon: 'amzn-fuzz-relay-0192',
};

async function listen(app: RequestListener): Promise<{ server: Server; url: string }> {
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** The catalogue examples' channel accounts, configured with secrets the fuzzer signs with. */
function intakeConfig(simulatorUrl: string) {
  return {
    shopify: {
      'acme-shop': {
        webhookSecret: CHANNEL.shopify,
        adminApiBaseUrl: `${simulatorUrl}/shopify/acme-shop`,
        accessToken: 'shpat_fuzz',
      },
    },
    woocommerce: {
      'acme-woo': {
        webhookSecret: CHANNEL.woocommerce,
        apiBaseUrl: `${simulatorUrl}/woocommerce/acme-woo`,
        consumerKey: 'ck',
        consumerSecret: 'cs',
      },
    },
    square: {
      'acme-square': {
        signatureKey: CHANNEL.square,
        notificationUrl: CHANNEL.squareUrl,
        apiBaseUrl: `${simulatorUrl}/square`,
        accessToken: 'EAAAl-fuzz',
        merchantId: 'MLEFBHHSJGVHD',
        locationIds: ['FPYCBCHYMXFK1'],
      },
    },
    amazon: {
      notificationToken: CHANNEL.amazon,
      sellers: {
        A3TH9S8BH6GOGM: {
          apiBaseUrl: `${simulatorUrl}/amazon`,
          accessToken: 'Atza|fuzz',
          marketplaceIds: ['ATVPDKIKX0DER'],
        },
      },
    },
    rateLimits: { default: { perSecond: 100_000, burst: 100_000 }, channels: {} },
  };
}

/** Orders in flight: the catalogue examples' order (web:acme:1001) and others, one picked, one shipped. */
async function ordersInFlight(stack: OrderStack): Promise<string[]> {
  const client = stack.env.client;
  const ids: string[] = [];
  for (const externalId of ['1001', 'FUZZ-2', 'FUZZ-3', 'FUZZ-4']) {
    const order = toCanonicalOrder(
      orderSubmissionSchema.parse(sampleOrder({ externalId, promisedDeliveryDate: '2027-01-15' })),
    );
    ids.push((await startOrderWorkflow(client, order)).orderId);
  }
  const reserved = async (id: string) =>
    (await queryOrderView(client, id)).status === 'reserved' ? true : undefined;
  for (const id of ids.slice(2)) await eventually(() => reserved(id), 60_000);
  await sendFulfillmentEvent(client, ids[2]!, { eventId: 'picked-1', type: 'picked' });
  for (const type of ['picked', 'packed'] as const)
    await sendFulfillmentEvent(client, ids[3]!, { eventId: `${type}-1`, type });
  await sendFulfillmentEvent(client, ids[3]!, {
    eventId: 'shipped-1',
    type: 'shipped',
    carrier: 'ups',
    service: 'standard',
  });
  return ids;
}

/** The admin bearer token of the stack: the process's OPS_BOOTSTRAP_TOKEN, set when there is none. */
function bootstrapToken(): string {
  process.env.OPS_BOOTSTRAP_TOKEN ||= 'fuzz-bootstrap-token-4f1c9a2e7d6b';
  return process.env.OPS_BOOTSTRAP_TOKEN;
}

export async function startFuzzStack(): Promise<FuzzStack> {
  const operatorToken = bootstrapToken();
  const simulator = await listen(createChannelSimulator().app);
  const sendgrid = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const stack = await startOrderStack({
    notifications: true,
    intake: intakeConfig(simulator.url),
    notificationEnv: {
      SENDGRID_WEBHOOK_PUBLIC_KEY: sendgrid.publicKey
        .export({ format: 'der', type: 'spki' })
        .toString('base64'),
    },
  });
  await seedDemoStock(stack.database.db, 1_000);
  const restKey = (await issueChannelApiKey(stack.database.db, 'acme-rest')).apiKey;
  const webKey = (await issueChannelApiKey(stack.database.db, 'acme')).apiKey;
  const secrets: DoorSecrets = {
    shopify: CHANNEL.shopify,
    woocommerce: CHANNEL.woocommerce,
    square: { key: CHANNEL.square, notificationUrl: CHANNEL.squareUrl },
    amazonToken: CHANNEL.amazon,
    restKey,
    fedexToken: TEST_WEBHOOK_SECRETS.fedex.securityToken,
    upsCredential: TEST_UPS_TRACK_ALERT_CREDENTIAL,
    upsClient: { id: TEST_WEBHOOK_SECRETS.ups.clientId, secret: TEST_WEBHOOK_SECRETS.ups.clientSecret },
    easypost: TEST_WEBHOOK_SECRETS.easypost.webhookSecret,
    aftership: TEST_WEBHOOK_SECRETS.aftership.webhookSecret,
    twilio: { authToken: 'demo-twilio-token', publicBaseUrl: stack.baseUrl },
    sendgridKey: sendgrid.privateKey,
    operatorToken,
    webKey,
  };
  const stop = async () => {
    await stack.stop();
    await new Promise((resolve) => simulator.server.close(resolve));
  };
  const orderIds = await ordersInFlight(stack).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return {
    stack,
    baseUrl: stack.baseUrl,
    secrets,
    orderIds,
    stop,
  };
}
