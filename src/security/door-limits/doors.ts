import type { DoorName } from './config';

/** Which public door a request knocks on, and the account it names there (none: by address only). */
export interface DoorKnock {
  door: DoorName;
  account?: string;
}

const CARRIERS = /^\/webhooks\/(fedex|ups|easypost|aftership)(?:\/|$)/;
const PROVIDERS = /^\/webhooks\/(sendgrid|twilio)(?:\/|$)/;
const ORDER_CHANGE = /^\/orders\/([^/]+)\/(?:events|hold|release|cancel)\/?$/;
const TRACK = /^\/track\/([^/]+)(?:\/|$)/;
const INBOX = /^\/notifications\/(orders|customers)\/([^/]+)(?:\/|$)/;

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Pure: the door of a method and path; undefined for routes that are not public doors (ops, health). */
export function doorOf(method: string, path: string): DoorKnock | undefined {
  if (path.startsWith('/intake/')) return { door: 'channels' };
  if (method === 'POST' && /^\/orders\/?$/.test(path)) return { door: 'orders' };
  const change = method === 'POST' ? ORDER_CHANGE.exec(path) : null;
  if (change) return { door: 'orderEvents', account: decoded(change[1] ?? '') };
  const carrier = CARRIERS.exec(path);
  if (carrier) return { door: 'carrierWebhooks', account: carrier[1] };
  const provider = PROVIDERS.exec(path);
  if (provider) return { door: 'providerWebhooks', account: provider[1] };
  if (path.startsWith('/track/assets/')) return { door: 'customer' };
  const track = TRACK.exec(path);
  if (track) return { door: 'customer', account: `order:${decoded(track[1] ?? '')}` };
  const inbox = INBOX.exec(path);
  if (inbox) {
    const kind = inbox[1] === 'orders' ? 'order' : 'customer';
    return { door: 'customer', account: `${kind}:${decoded(inbox[2] ?? '')}` };
  }
  if (path.startsWith('/notifications/')) return { door: 'customer' };
  return undefined;
}
