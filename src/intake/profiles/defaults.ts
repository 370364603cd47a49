import type { SalesChannel } from '../../domain/order';
import defaults from './default-profiles.json';
import {
  mergeProfile,
  profileOverrideSchema,
  validationProfileSchema,
  type ValidationProfile,
} from './profile';

const baseProfile = validationProfileSchema.parse(defaults.default);

/** The profile used before per-channel profiles existed: everything exact, nothing normalized. */
export const STRICT_PROFILE: ValidationProfile = validationProfileSchema.parse(defaults.strict);

/** The shipped profile of a channel (no account override). */
export function defaultProfileFor(channel: SalesChannel): ValidationProfile {
  const channels: Record<string, unknown> = defaults.channels;
  const override = profileOverrideSchema.parse(channels[channel] ?? {});
  return mergeProfile(baseProfile, override);
}
