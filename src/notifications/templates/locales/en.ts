import type { LocaleCatalog } from './catalog';

export const en: LocaleCatalog = {
  locale: 'en',
  layout: {
    itemWord: { one: 'item', other: 'items' },
    greeting: 'Hi {{customerName}},',
    trackButton: 'Track your package',
    orderButton: 'View your order',
    footer: 'You receive this email because you ordered from {{brandName}}.',
    unsubscribe: 'Unsubscribe from order emails',
    help: 'Need help? {{supportUrl}}',
    stopNotice: 'Reply STOP to opt out.',
  },
  milestones: {
    order_confirmed: {
      subject: 'Your {{brandName}} order {{orderRef}} is confirmed',
      title: 'Order confirmed',
      body: 'Thanks for your order {{orderRef}} ({{itemCount}} {{itemWord}}{{#if orderTotal}}, {{orderTotal}}{{/if}}). We will let you know when it ships.',
      sms: '{{brandName}}: order {{orderRef}} is confirmed. We will text you when it ships.',
    },
    backordered: {
      subject: 'Part of your order {{orderRef}} is backordered',
      title: 'Backordered',
      body: 'Some items in order {{orderRef}} are out of stock. We will ship them as soon as they are back{{#if estimatedDelivery}} and now expect delivery by {{estimatedDelivery}}{{/if}}.',
      sms: '{{brandName}}: items in order {{orderRef}} are backordered. We will ship as soon as they are back in stock.',
    },
    shipped: {
      subject: 'Your order {{orderRef}} has shipped',
      title: 'Shipped',
      body: 'Order {{orderRef}} is on its way{{#if carrierName}} with {{carrierName}}{{/if}}{{#if trackingNumber}}, tracking number {{trackingNumber}}{{/if}}.{{#if estimatedDelivery}} Expected delivery: {{estimatedDelivery}}.{{/if}}',
      sms: '{{brandName}}: order {{orderRef}} has shipped{{#if carrierName}} with {{carrierName}}{{/if}}.{{#if trackingUrl}} Track: {{trackingUrl}}{{/if}}',
    },
    out_for_delivery: {
      subject: 'Your order {{orderRef}} is out for delivery',
      title: 'Out for delivery',
      body: 'Order {{orderRef}} is out for delivery today{{#if carrierName}} with {{carrierName}}{{/if}}.',
      sms: '{{brandName}}: order {{orderRef}} is out for delivery today.{{#if trackingUrl}} Track: {{trackingUrl}}{{/if}}',
    },
    available_for_pickup: {
      subject: 'Your order {{orderRef}} is ready for pickup',
      title: 'Ready for pickup',
      body: 'Order {{orderRef}} is waiting for you at the pickup point{{#if carrierName}} of {{carrierName}}{{/if}}.',
      sms: '{{brandName}}: order {{orderRef}} is ready for pickup.{{#if trackingUrl}} Details: {{trackingUrl}}{{/if}}',
    },
    delivered: {
      subject: 'Your order {{orderRef}} was delivered',
      title: 'Delivered',
      body: 'Order {{orderRef}} was delivered. Enjoy!',
      sms: '{{brandName}}: order {{orderRef}} was delivered. Enjoy!',
    },
    delivery_attempted: {
      subject: 'We tried to deliver your order {{orderRef}}',
      title: 'Delivery attempted',
      body: '{{#if carrierName}}{{carrierName}}{{else}}The carrier{{/if}} tried to deliver order {{orderRef}} but could not.{{#if reason}} Reason: {{reason}}.{{/if}} They will try again.',
      sms: '{{brandName}}: delivery of order {{orderRef}} was attempted. The carrier will try again.{{#if trackingUrl}} {{trackingUrl}}{{/if}}',
    },
    delivery_failed: {
      subject: 'We could not deliver your order {{orderRef}}',
      title: 'Delivery failed',
      body: 'Order {{orderRef}} could not be delivered.{{#if reason}} Reason: {{reason}}.{{/if}} Please contact us so we can sort it out.',
      sms: '{{brandName}}: order {{orderRef}} could not be delivered. Please contact us: {{supportUrl}}',
    },
    returned_to_sender: {
      subject: 'Your order {{orderRef}} is on its way back to us',
      title: 'Returned to sender',
      body: 'Order {{orderRef}} is being returned to us.{{#if reason}} Reason: {{reason}}.{{/if}} We will contact you about a refund or a new delivery.',
      sms: '{{brandName}}: order {{orderRef}} is being returned to us. We will be in touch.',
    },
    cancelled: {
      subject: 'Your order {{orderRef}} was cancelled',
      title: 'Order cancelled',
      body: 'Order {{orderRef}} was cancelled.{{#if reasonSentence}} {{reasonSentence}}{{/if}} If you paid, the refund is on its way.',
      sms: '{{brandName}}: order {{orderRef}} was cancelled.',
    },
    delayed: {
      subject: 'Your order {{orderRef}} is delayed',
      title: 'Delayed',
      body: 'Order {{orderRef}} is running late.{{#if estimatedDelivery}} The new expected delivery date is {{estimatedDelivery}}.{{/if}} We are sorry for the wait.',
      sms: '{{brandName}}: order {{orderRef}} is delayed.{{#if estimatedDelivery}} New estimate: {{estimatedDelivery}}.{{/if}}',
    },
    shipment_stalled: {
      subject: 'Your order {{orderRef}} is taking longer than planned',
      title: 'Delayed in transit',
      body: 'Order {{orderRef}} has not moved{{#if carrierName}} with {{carrierName}}{{/if}} for a while, so it will arrive later than promised.{{#if estimatedDelivery}} The new expected delivery date is {{estimatedDelivery}}.{{/if}} We are checking with the carrier and are sorry for the wait.',
      sms: '{{brandName}}: order {{orderRef}} is delayed in transit.{{#if estimatedDelivery}} New estimate: {{estimatedDelivery}}.{{/if}}',
    },
    stall_escalated: {
      subject: 'We have escalated the delay of your order {{orderRef}}',
      title: 'Delay escalated',
      body: 'Order {{orderRef}} still has not moved{{#if carrierName}} with {{carrierName}}{{/if}}. We have escalated this with the carrier and will keep you posted.{{#if estimatedDelivery}} Expected delivery: {{estimatedDelivery}}.{{/if}}',
      sms: '{{brandName}}: order {{orderRef}} still has not moved. We have escalated it with the carrier.{{#if trackingUrl}} {{trackingUrl}}{{/if}}',
    },
    delivery_at_risk: {
      subject: 'Your order {{orderRef}} may arrive later than promised',
      title: 'Delivery at risk',
      body: 'Order {{orderRef}} may not arrive{{#if promisedDelivery}} by {{promisedDelivery}} as promised{{else}} on time{{/if}}.{{#if windowEarliest}} We now expect it between {{windowEarliest}} and {{windowLatest}}.{{/if}} We are watching it closely and will tell you if anything changes.',
      sms: '{{brandName}}: order {{orderRef}} may arrive late.{{#if windowEarliest}} Expected {{windowEarliest}} to {{windowLatest}}.{{/if}}',
    },
  },
  reasons: {
    customer_request: 'It was cancelled at your request.',
    payment_issue: 'We could not take the payment for it.',
    out_of_stock: 'We could not get the items in stock in time.',
    address_problem: 'We could not deliver to the shipping address given.',
    fraud_suspected: 'We could not verify the order details.',
    other: 'Our customer service can tell you more.',
  },
};
