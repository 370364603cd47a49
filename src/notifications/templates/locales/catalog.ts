import type { Milestone } from '../../contract';
import type { OrderReasonCode } from '../../../domain/order-reasons';

/** One milestone's wording in one language. Handlebars source; see TemplateVariables for names. */
export interface MilestoneWording {
  subject: string;
  title: string;
  body: string;
  sms: string;
}

/** Fixed phrases around the milestone wording (greeting, buttons, footer). */
export interface LayoutWording {
  itemWord: { one: string; other: string };
  greeting: string;
  trackButton: string;
  orderButton: string;
  footer: string;
  unsubscribe: string;
  help: string;
  stopNotice: string;
}

export interface LocaleCatalog {
  locale: string;
  layout: LayoutWording;
  milestones: Readonly<Record<Milestone, MilestoneWording>>;
  /** Why an order was cancelled, one sentence per reason code (`{{reasonSentence}}`); never a caller's text. */
  reasons: Readonly<Record<OrderReasonCode, string>>;
}
