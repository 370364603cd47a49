import * as amazonApi from '../channel-apis/amazon-sp-api';
import * as shopifyAdmin from '../channel-apis/shopify-admin';
import * as squareApi from '../channel-apis/square-api';
import * as wooRest from '../channel-apis/woocommerce-rest';
import { amazonToIntent } from '../channels/amazon';
import { shopifyToIntent } from '../channels/shopify';
import { squareToIntent } from '../channels/square';
import { wooToIntent } from '../channels/woocommerce';
import type { IntakeConfig } from '../config';
import type { AdapterResult, ChannelIntent } from '../types';

export type ReconcilableChannel = 'shopify' | 'woocommerce' | 'amazon' | 'square';

export interface ReconcileSource {
  channel: ReconcilableChannel;
  accountId: string;
}

/** One order the channel's API lists, with a lazy conversion (Amazon needs an extra items call). */
export interface ListedOrder {
  externalId: string;
  raw: unknown;
  interpret(): Promise<AdapterResult<ChannelIntent>>;
}

/** Channel accounts whose API credentials allow listing their recent orders. */
export function reconcilableSources(config: IntakeConfig): ReconcileSource[] {
  const sources: ReconcileSource[] = [];
  for (const [accountId, account] of Object.entries(config.shopify)) {
    if (account.adminApiBaseUrl && account.accessToken) sources.push({ channel: 'shopify', accountId });
  }
  for (const [accountId, account] of Object.entries(config.woocommerce)) {
    if (account.apiBaseUrl && account.consumerKey && account.consumerSecret)
      sources.push({ channel: 'woocommerce', accountId });
  }
  for (const accountId of Object.keys(config.amazon.sellers)) sources.push({ channel: 'amazon', accountId });
  for (const accountId of Object.keys(config.square)) sources.push({ channel: 'square', accountId });
  return sources;
}

function idOf(raw: unknown, key: string): string {
  const value = (raw as Record<string, unknown> | null)?.[key];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** Lists the orders a channel account created since `since`, through the channel's own API. */
export async function listChannelOrders(
  config: IntakeConfig,
  source: ReconcileSource,
  since: string,
): Promise<ListedOrder[]> {
  const { accountId } = source;
  switch (source.channel) {
    case 'shopify': {
      const account = config.shopify[accountId];
      if (!account?.adminApiBaseUrl || !account.accessToken) return [];
      const orders = await shopifyAdmin.listOrdersCreatedAfter(
        { adminApiBaseUrl: account.adminApiBaseUrl, accessToken: account.accessToken },
        since,
      );
      return orders.map((raw) => ({
        externalId: idOf(raw, 'id'),
        raw,
        interpret: async () => shopifyToIntent(raw, accountId, {}),
      }));
    }
    case 'woocommerce': {
      const account = config.woocommerce[accountId];
      if (!account?.apiBaseUrl || !account.consumerKey || !account.consumerSecret) return [];
      const orders = await wooRest.listOrdersCreatedAfter(
        {
          apiBaseUrl: account.apiBaseUrl,
          consumerKey: account.consumerKey,
          consumerSecret: account.consumerSecret,
        },
        since.replace(/Z$/, ''),
      );
      return orders.map((raw) => ({
        externalId: idOf(raw, 'id'),
        raw,
        interpret: async () => wooToIntent(raw, accountId),
      }));
    }
    case 'amazon': {
      const account = config.amazon.sellers[accountId];
      if (!account) return [];
      const orders = await amazonApi.listOrdersCreatedAfter(account, since);
      return orders.map((raw) => {
        const externalId = idOf(raw, 'AmazonOrderId');
        return {
          externalId,
          raw,
          // The listing withholds the buyer's address; getOrder fetches it with a Restricted Data Token.
          interpret: async () =>
            amazonToIntent(
              accountId,
              await amazonApi.getOrder(account, externalId),
              await amazonApi.getOrderItems(account, externalId),
            ),
        };
      });
    }
    case 'square': {
      const account = config.square[accountId];
      if (!account) return [];
      const orders = await squareApi.searchOrdersCreatedAfter(account, since);
      return orders.map((raw) => ({
        externalId: idOf(raw, 'id'),
        raw,
        interpret: async () => squareToIntent(accountId, raw),
      }));
    }
  }
}
