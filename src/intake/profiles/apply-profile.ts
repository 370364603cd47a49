import { z } from 'zod';
import { CUSTOMER_TIERS, orderSubmissionSchema, type CustomerTier } from '../../domain/order';
import { fieldProblemsFrom } from '../../validation/field-problems';
import { problem, type AdapterResult, type FieldProblem, type OrderDraft } from '../types';
import { toCountryCode, toE164, toLocale } from './normalize';
import type { ValidationProfile } from './profile';
import { totalsOf, totalsProblems } from './reconcile-totals';

export type ValidSubmission = z.output<typeof orderSubmissionSchema>;

const emailCheck = z.email();

/** Tiers the order core ranks by; a channel's own labels (Shopify's "vip", Amazon's "prime") stay with the intake. */
function canonicalTier(tier: string | undefined): CustomerTier | undefined {
  return (CUSTOMER_TIERS as readonly string[]).includes(tier ?? '') ? (tier as CustomerTier) : undefined;
}

function blankToUndefined(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** One normalization step: the value it settled on, and what it found wrong. */
type Normalized<T> = { value: T; problems: FieldProblem[] };

function normalizeCountry(draft: OrderDraft, profile: ValidationProfile): Normalized<string> {
  const given = draft.shippingAddress.country;
  const country = given.trim();
  if (!profile.address.normalizeCountry) return { value: country, problems: [] };
  const code = toCountryCode(country);
  if (code) return { value: code, problems: [] };
  return {
    value: country,
    problems: [problem('shippingAddress.country', `"${given}" is not a known country`)],
  };
}

function normalizeEmail(draft: OrderDraft, profile: ValidationProfile): Normalized<string | undefined> {
  let email = blankToUndefined(draft.customer.email);
  if (email && !emailCheck.safeParse(email).success && profile.email.onInvalid === 'drop') email = undefined;
  if (!email && profile.email.required)
    return { value: email, problems: [problem('customer.email', 'is required for this channel')] };
  return { value: email, problems: [] };
}

function normalizePhone(
  draft: OrderDraft,
  profile: ValidationProfile,
  country: string,
): Normalized<string | undefined> {
  const phone = blankToUndefined(draft.customer.phone ?? draft.shippingAddress.phone);
  if (!phone || !profile.phone.normalize) return { value: phone, problems: [] };
  const e164 = toE164(phone, country);
  if (e164) return { value: e164, problems: [] };
  if (profile.phone.onInvalid === 'drop') return { value: undefined, problems: [] };
  return { value: phone, problems: [problem('customer.phone', `"${phone}" is not a valid phone number`)] };
}

function normalizeCurrency(draft: OrderDraft, profile: ValidationProfile): Normalized<string> {
  const currency = profile.currency.normalize ? draft.currency.trim().toUpperCase() : draft.currency;
  if (profile.currency.allowed.length > 0 && !profile.currency.allowed.includes(currency)) {
    return {
      value: currency,
      problems: [problem('currency', `${currency} is not accepted for this account`)],
    };
  }
  return { value: currency, problems: [] };
}

function normalizeLocale(draft: OrderDraft, profile: ValidationProfile): string | undefined {
  const locale = blankToUndefined(draft.customer.locale);
  return locale && profile.locale.normalize ? (toLocale(locale) ?? undefined) : locale;
}

/** The draft as a canonical submission, with the values the profile settled on. */
function submissionOf(
  draft: OrderDraft,
  profile: ValidationProfile,
  settled: {
    country: string;
    email: string | undefined;
    phone: string | undefined;
    locale: string | undefined;
    currency: string;
  },
): unknown {
  const { country, email, phone, locale, currency } = settled;
  const address = draft.shippingAddress;
  const customerName = draft.customer.name.trim();
  const addressName =
    blankToUndefined(address.name) ?? (profile.address.nameFromCustomer ? customerName : address.name);
  return {
    channel: draft.channel,
    accountId: draft.accountId,
    externalId: draft.externalId,
    placedAt: draft.placedAt,
    customer: {
      id: draft.customer.id,
      name: customerName,
      ...(email ? { email } : {}),
      ...(phone ? { phone } : {}),
      ...(locale ? { locale } : {}),
      ...(draft.customer.timeZone ? { timeZone: draft.customer.timeZone } : {}),
      ...(canonicalTier(draft.customer.tier) ? { tier: canonicalTier(draft.customer.tier) } : {}),
    },
    lines: draft.lines,
    currency,
    shippingAddress: {
      name: addressName,
      line1: address.line1,
      ...(blankToUndefined(address.line2) ? { line2: address.line2?.trim() } : {}),
      city: address.city,
      ...(blankToUndefined(address.region) ? { region: address.region?.trim() } : {}),
      postalCode: address.postalCode,
      country,
    },
    ...(draft.serviceLevel ? { serviceLevel: draft.serviceLevel } : {}),
    ...(draft.promisedDeliveryDate ? { promisedDeliveryDate: draft.promisedDeliveryDate } : {}),
    totals: totalsOf(draft),
  };
}

/**
 * Normalizes a channel's order draft as its profile allows, then holds it to the canonical order.
 * Pure: the same draft and profile always give the same submission or the same problems.
 */
export function applyProfile(draft: OrderDraft, profile: ValidationProfile): AdapterResult<ValidSubmission> {
  const country = normalizeCountry(draft, profile);
  const email = normalizeEmail(draft, profile);
  const phone = normalizePhone(draft, profile, country.value);
  const currency = normalizeCurrency(draft, profile);
  const problems: FieldProblem[] = [
    ...country.problems,
    ...email.problems,
    ...phone.problems,
    ...currency.problems,
    ...totalsProblems(draft, profile.totals),
  ];
  const parsed = orderSubmissionSchema.safeParse(
    submissionOf(draft, profile, {
      country: country.value,
      email: email.value,
      phone: phone.value,
      locale: normalizeLocale(draft, profile),
      currency: currency.value,
    }),
  );
  if (!parsed.success) {
    // A field the profile already explained needs no second, vaguer problem from the schema.
    const explained = new Set(problems.map((item) => item.field));
    problems.push(
      ...fieldProblemsFrom(parsed.error, { whole: '(order)' }).filter((item) => !explained.has(item.field)),
    );
  }
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  return { ok: true, value: parsed.data };
}
