import { issueCustomerLink, issueOrderLink } from '../../src/security/customer-links';

const join = (path: string, token: string) => `${path}${path.includes('?') ? '&' : '?'}t=${token}`;

/** The path with the order's link token, as the status page link in a message has it. */
export function withOrderLink(path: string, orderId: string): string {
  return join(path, issueOrderLink(orderId));
}

export interface LinkedCustomer {
  customerId: string;
  channel?: string;
  accountId?: string;
}

function customerToken({ customerId, channel = 'web', accountId = 'acme' }: LinkedCustomer): string {
  return issueCustomerLink({ channel, accountId, customerId });
}

/** The path with a customer link token (by default for the `web:acme` account of sampleOrder). */
export function withCustomerLink(path: string, customer: LinkedCustomer): string {
  return join(path, customerToken(customer));
}

/** The header an in-app client sends its customer link in. */
export function customerLinkHeaders(customer: LinkedCustomer): Record<string, string> {
  return { authorization: `Bearer ${customerToken(customer)}` };
}
