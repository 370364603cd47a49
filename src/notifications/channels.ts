export const CHANNELS = ['email', 'sms', 'push', 'in_app'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Channels that reach the customer through an outside provider (and can bounce or fail there). */
export type ProviderChannel = Exclude<Channel, 'in_app'>;

export function isChannel(value: string): value is Channel {
  return (CHANNELS as readonly string[]).includes(value);
}
