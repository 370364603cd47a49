import { z } from 'zod';
import { orderSubmissionSchema } from '../../domain/order';
import { fieldProblemsFrom } from '../../validation/field-problems';
import { problem, type AdapterResult, type FieldProblem, type OrderDraft } from '../types';
import { toCountryCode, toE164, toLocale } from './normalize';
import type { ValidationProfile } from './profile';
import { totalsOf, totalsProblems } from './reconcile-totals';

export type ValidSubmission = z.output<typeof orderSubmissionSchema>;

const emailCheck = z.email();

function blankToUndefined(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * Normalizes a channel's order draft as its profile allows, then holds it to the canonical order.
 * Pure: the same draft and profile always give the same submission or the same problems.
 */
export function applyProfile(draft: OrderDraft, profile: ValidationProfile): AdapterResult<ValidSubmission> {
  const problems: FieldProblem[] = [];
  const address = { ...draft.shippingAddress };
  let country = address.country.trim();
  if (profile.address.normalizeCountry) {
    const code = toCountryCode(country);
    if (code) country = code;
    else problems.push(problem('shippingAddress.country', `"${address.country}" is not a known country`));
  }
  const customerName = draft.customer.name.trim();
  const addressName =
    blankToUndefined(address.name) ?? (profile.address.nameFromCustomer ? customerName : address.name);

  let email = blankToUndefined(draft.customer.email);
  if (email && !emailCheck.safeParse(email).success && profile.email.onInvalid === 'drop') email = undefined;
  if (!email && profile.email.required)
    problems.push(problem('customer.email', 'is required for this channel'));

  let phone = blankToUndefined(draft.customer.phone ?? draft.shippingAddress.phone);
  if (phone && profile.phone.normalize) {
    const e164 = toE164(phone, country);
    if (e164) phone = e164;
    else if (profile.phone.onInvalid === 'drop') phone = undefined;
    else problems.push(problem('customer.phone', `"${phone}" is not a valid phone number`));
  }

  let locale = blankToUndefined(draft.customer.locale);
  if (locale && profile.locale.normalize) locale = toLocale(locale) ?? undefined;

  const currency = profile.currency.normalize ? draft.currency.trim().toUpperCase() : draft.currency;
  if (profile.currency.allowed.length > 0 && !profile.currency.allowed.includes(currency)) {
    problems.push(problem('currency', `${currency} is not accepted for this account`));
  }

  problems.push(...totalsProblems(draft, profile.totals));

  const parsed = orderSubmissionSchema.safeParse({
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
  });
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
