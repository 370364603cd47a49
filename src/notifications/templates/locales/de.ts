import type { LocaleCatalog } from './catalog';

export const de: LocaleCatalog = {
  locale: 'de',
  layout: {
    itemWord: { one: 'Artikel', other: 'Artikel' },
    greeting: 'Hallo {{customerName}},',
    trackButton: 'Sendung verfolgen',
    orderButton: 'Bestellung ansehen',
    footer: 'Sie erhalten diese E-Mail, weil Sie bei {{brandName}} bestellt haben.',
    unsubscribe: 'Bestell-E-Mails abbestellen',
    help: 'Fragen? {{supportUrl}}',
    stopNotice: 'Antworten Sie STOP zum Abmelden.',
  },
  milestones: {
    order_confirmed: {
      subject: 'Ihre {{brandName}}-Bestellung {{orderRef}} ist bestätigt',
      title: 'Bestellung bestätigt',
      body: 'Danke für Ihre Bestellung {{orderRef}} ({{itemCount}} {{itemWord}}{{#if orderTotal}}, {{orderTotal}}{{/if}}). Wir melden uns, sobald sie versendet wird.',
      sms: '{{brandName}}: Bestellung {{orderRef}} ist bestätigt. Wir melden uns beim Versand.',
    },
    backordered: {
      subject: 'Ein Teil Ihrer Bestellung {{orderRef}} ist nicht vorrätig',
      title: 'Nicht vorrätig',
      body: 'Einige Artikel der Bestellung {{orderRef}} sind ausverkauft. Wir versenden sie, sobald sie wieder da sind{{#if estimatedDelivery}}, voraussichtlich bis {{estimatedDelivery}}{{/if}}.',
      sms: '{{brandName}}: Artikel der Bestellung {{orderRef}} sind nicht vorrätig. Wir versenden, sobald sie wieder da sind.',
    },
    shipped: {
      subject: 'Ihre Bestellung {{orderRef}} wurde versendet',
      title: 'Versendet',
      body: 'Bestellung {{orderRef}} ist unterwegs{{#if carrierName}} mit {{carrierName}}{{/if}}{{#if trackingNumber}}, Sendungsnummer {{trackingNumber}}{{/if}}.{{#if estimatedDelivery}} Voraussichtliche Zustellung: {{estimatedDelivery}}.{{/if}}',
      sms: '{{brandName}}: Bestellung {{orderRef}} wurde{{#if carrierName}} mit {{carrierName}}{{/if}} versendet.{{#if trackingUrl}} Verfolgen: {{trackingUrl}}{{/if}}',
    },
    out_for_delivery: {
      subject: 'Ihre Bestellung {{orderRef}} wird heute zugestellt',
      title: 'In Zustellung',
      body: 'Bestellung {{orderRef}} wird heute{{#if carrierName}} von {{carrierName}}{{/if}} zugestellt.',
      sms: '{{brandName}}: Bestellung {{orderRef}} wird heute zugestellt.{{#if trackingUrl}} Verfolgen: {{trackingUrl}}{{/if}}',
    },
    available_for_pickup: {
      subject: 'Ihre Bestellung {{orderRef}} liegt zur Abholung bereit',
      title: 'Abholbereit',
      body: 'Bestellung {{orderRef}} wartet an der Abholstelle{{#if carrierName}} von {{carrierName}}{{/if}} auf Sie.',
      sms: '{{brandName}}: Bestellung {{orderRef}} liegt zur Abholung bereit.{{#if trackingUrl}} Details: {{trackingUrl}}{{/if}}',
    },
    delivered: {
      subject: 'Ihre Bestellung {{orderRef}} wurde zugestellt',
      title: 'Zugestellt',
      body: 'Bestellung {{orderRef}} wurde zugestellt. Viel Freude damit!',
      sms: '{{brandName}}: Bestellung {{orderRef}} wurde zugestellt. Viel Freude damit!',
    },
    delivery_attempted: {
      subject: 'Zustellversuch für Ihre Bestellung {{orderRef}}',
      title: 'Zustellversuch',
      body: '{{#if carrierName}}{{carrierName}}{{else}}Der Versanddienst{{/if}} konnte Bestellung {{orderRef}} nicht zustellen.{{#if reason}} Grund: {{reason}}.{{/if}} Es folgt ein neuer Versuch.',
      sms: '{{brandName}}: Zustellversuch für Bestellung {{orderRef}}. Es folgt ein neuer Versuch.{{#if trackingUrl}} {{trackingUrl}}{{/if}}',
    },
    delivery_failed: {
      subject: 'Ihre Bestellung {{orderRef}} konnte nicht zugestellt werden',
      title: 'Zustellung fehlgeschlagen',
      body: 'Bestellung {{orderRef}} konnte nicht zugestellt werden.{{#if reason}} Grund: {{reason}}.{{/if}} Bitte melden Sie sich, damit wir das klären können.',
      sms: '{{brandName}}: Bestellung {{orderRef}} konnte nicht zugestellt werden. Bitte melden Sie sich: {{supportUrl}}',
    },
    returned_to_sender: {
      subject: 'Ihre Bestellung {{orderRef}} geht an uns zurück',
      title: 'Rücksendung an Absender',
      body: 'Bestellung {{orderRef}} wird an uns zurückgeschickt.{{#if reason}} Grund: {{reason}}.{{/if}} Wir melden uns wegen Erstattung oder neuer Zustellung.',
      sms: '{{brandName}}: Bestellung {{orderRef}} geht an uns zurück. Wir melden uns.',
    },
    cancelled: {
      subject: 'Ihre Bestellung {{orderRef}} wurde storniert',
      title: 'Bestellung storniert',
      body: 'Bestellung {{orderRef}} wurde storniert.{{#if reasonSentence}} {{reasonSentence}}{{/if}} Falls Sie bereits bezahlt haben, ist die Erstattung unterwegs.',
      sms: '{{brandName}}: Bestellung {{orderRef}} wurde storniert.',
    },
    delayed: {
      subject: 'Ihre Bestellung {{orderRef}} verspätet sich',
      title: 'Verspätet',
      body: 'Bestellung {{orderRef}} verspätet sich.{{#if estimatedDelivery}} Neue voraussichtliche Zustellung: {{estimatedDelivery}}.{{/if}} Entschuldigen Sie die Wartezeit.',
      sms: '{{brandName}}: Bestellung {{orderRef}} verspätet sich.{{#if estimatedDelivery}} Neue Schätzung: {{estimatedDelivery}}.{{/if}}',
    },
    shipment_stalled: {
      subject: 'Ihre Bestellung {{orderRef}} braucht länger als geplant',
      title: 'Verspätet unterwegs',
      body: 'Bestellung {{orderRef}} hat sich{{#if carrierName}} bei {{carrierName}}{{/if}} seit einiger Zeit nicht bewegt und kommt später als zugesagt.{{#if estimatedDelivery}} Neue voraussichtliche Zustellung: {{estimatedDelivery}}.{{/if}} Wir klären das mit dem Zusteller und bitten um Entschuldigung.',
      sms: '{{brandName}}: Bestellung {{orderRef}} verspätet sich unterwegs.{{#if estimatedDelivery}} Neue Schätzung: {{estimatedDelivery}}.{{/if}}',
    },
    stall_escalated: {
      subject: 'Wir haben die Verspätung Ihrer Bestellung {{orderRef}} eskaliert',
      title: 'Verspätung eskaliert',
      body: 'Bestellung {{orderRef}} hat sich{{#if carrierName}} bei {{carrierName}}{{/if}} noch immer nicht bewegt. Wir haben den Fall beim Zusteller eskaliert und halten Sie auf dem Laufenden.{{#if estimatedDelivery}} Voraussichtliche Zustellung: {{estimatedDelivery}}.{{/if}}',
      sms: '{{brandName}}: Bestellung {{orderRef}} hat sich noch nicht bewegt. Wir haben den Fall beim Zusteller eskaliert.{{#if trackingUrl}} {{trackingUrl}}{{/if}}',
    },
    delivery_at_risk: {
      subject: 'Ihre Bestellung {{orderRef}} kommt möglicherweise später als zugesagt',
      title: 'Zustellung gefährdet',
      body: 'Bestellung {{orderRef}} kommt möglicherweise nicht{{#if promisedDelivery}} wie zugesagt bis {{promisedDelivery}}{{else}} rechtzeitig{{/if}} an.{{#if windowEarliest}} Wir erwarten sie jetzt zwischen {{windowEarliest}} und {{windowLatest}}.{{/if}} Wir behalten die Sendung im Blick und melden uns, wenn sich etwas ändert.',
      sms: '{{brandName}}: Bestellung {{orderRef}} kommt möglicherweise später.{{#if windowEarliest}} Erwartet {{windowEarliest}} bis {{windowLatest}}.{{/if}}',
    },
  },
  reasons: {
    customer_request: 'Sie wurde auf Ihren Wunsch storniert.',
    payment_issue: 'Wir konnten die Zahlung nicht einziehen.',
    out_of_stock: 'Wir konnten die Artikel nicht rechtzeitig auf Lager bekommen.',
    address_problem: 'Wir können an die angegebene Lieferadresse nicht zustellen.',
    fraud_suspected: 'Wir konnten die Bestelldaten nicht überprüfen.',
    other: 'Unser Kundenservice gibt Ihnen gern weitere Auskunft.',
  },
};
