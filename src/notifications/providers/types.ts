export interface OutgoingEmail {
  deliveryKey: string;
  to: string;
  toName: string;
  subject: string;
  html: string;
  text: string;
  unsubscribeUrl: string;
}

export interface OutgoingSms {
  deliveryKey: string;
  to: string;
  body: string;
  statusCallbackUrl: string;
  /** When this delivery was claimed; an accepted message is never older than this. */
  claimedAt: Date;
}

export interface OutgoingPush {
  deliveryKey: string;
  token: string;
  title: string;
  body: string;
  link: string;
  orderId: string;
}

/**
 * A provider sends a message and, after a crash or timeout, can tell whether it already accepted
 * one for the same delivery (its message ID), so the message is not sent twice.
 */
export interface EmailProvider {
  send(email: OutgoingEmail): Promise<string>;
  findAccepted(email: OutgoingEmail): Promise<string | undefined>;
}
export interface SmsProvider {
  send(sms: OutgoingSms): Promise<string>;
  findAccepted(sms: OutgoingSms): Promise<string | undefined>;
}
export interface PushProvider {
  send(push: OutgoingPush): Promise<string>;
  findAccepted(push: OutgoingPush): Promise<string | undefined>;
}

export interface Providers {
  email: EmailProvider;
  sms: SmsProvider;
  push: PushProvider;
}
