import { z } from 'zod';

/**
 * A validation profile: how strictly one channel (or one account of it) is held to the canonical
 * order, and which normalizations it gets first. Profiles are data: default-profiles.json ships the
 * defaults and the intake_validation_profiles table overrides them per channel and per account.
 */
export const validationProfileSchema = z.object({
  email: z.object({
    /** false for marketplaces that hide the buyer's email: the order simply has no email channel. */
    required: z.boolean(),
    /** drop: an unusable email is removed (the order keeps its other channels); reject: it fails. */
    onInvalid: z.enum(['drop', 'reject']),
  }),
  phone: z.object({
    /** Parse national and formatted numbers (with the address country) into E.164. */
    normalize: z.boolean(),
    onInvalid: z.enum(['drop', 'reject']),
  }),
  address: z.object({
    /** Country names, alpha-3 and numeric codes → ISO 3166-1 alpha-2. */
    normalizeCountry: z.boolean(),
    /** Use the billing/contact name when the shipping address has none. */
    nameFromCustomer: z.boolean(),
  }),
  locale: z.object({ normalize: z.boolean() }),
  currency: z.object({
    normalize: z.boolean(),
    /** Empty means any ISO 4217 code. */
    allowed: z.array(z.string().regex(/^[A-Z]{3}$/)),
  }),
  totals: z.object({
    reconcile: z.boolean(),
    /** The reported total may differ from lines + shipping + tax − discount by this many minor units… */
    toleranceMinor: z.number().int().nonnegative(),
    /** …or by this fraction of the reported total, whichever is larger. */
    toleranceRatio: z.number().nonnegative().max(0.5),
  }),
});

export type ValidationProfile = z.infer<typeof validationProfileSchema>;

export type ProfileOverride = {
  [K in keyof ValidationProfile]?: Partial<ValidationProfile[K]>;
};

export const profileOverrideSchema: z.ZodType<ProfileOverride> = z.object({
  email: validationProfileSchema.shape.email.partial().optional(),
  phone: validationProfileSchema.shape.phone.partial().optional(),
  address: validationProfileSchema.shape.address.partial().optional(),
  locale: validationProfileSchema.shape.locale.partial().optional(),
  currency: validationProfileSchema.shape.currency.partial().optional(),
  totals: validationProfileSchema.shape.totals.partial().optional(),
});

/** Layers overrides (channel, then account) over a base profile, section by section. */
export function mergeProfile(base: ValidationProfile, ...overrides: ProfileOverride[]): ValidationProfile {
  const merged = structuredClone(base);
  for (const override of overrides) {
    for (const key of Object.keys(override) as Array<keyof ValidationProfile>) {
      Object.assign(merged[key], override[key]);
    }
  }
  return validationProfileSchema.parse(merged);
}
