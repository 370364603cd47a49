export const MESSAGE_CHANNELS = ['email', 'sms', 'push', 'in_app'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

/** Channels that reach the customer through an outside provider (and can bounce or fail there). */
export type ProviderMessageChannel = Exclude<MessageChannel, 'in_app'>;

export function isMessageChannel(value: string): value is MessageChannel {
  return (MESSAGE_CHANNELS as readonly string[]).includes(value);
}
