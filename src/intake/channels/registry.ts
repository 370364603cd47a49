import type { SalesChannel } from '../../domain/order';
import { amazonChannel } from './amazon';
import type { ChannelHandler } from './channel-handler';
import type { Headers } from './common';
import { restChannel } from './rest';
import { shopifyChannel } from './shopify';
import { squareChannel } from './square';
import { webChannel } from './web';
import { wooCommerceChannel } from './woocommerce';

/** Every sales channel's adapter, by channel. */
export const CHANNEL_HANDLERS: Record<SalesChannel, ChannelHandler> = {
  shopify: shopifyChannel,
  woocommerce: wooCommerceChannel,
  amazon: amazonChannel,
  square: squareChannel,
  rest: restChannel,
  web: webChannel,
};

/** The headers kept with a dead letter so that it replays exactly. */
export function replayHeadersOf(handler: ChannelHandler, headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of [...handler.replayHeaders, 'content-type']) {
    const value = headers[name];
    if (typeof value === 'string') kept[name] = value;
  }
  return kept;
}
