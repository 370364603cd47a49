import type { Queryable } from '../../db/database';
import type { SalesChannel } from '../../domain/order';
import { defaultProfileFor } from './defaults';
import { mergeProfile, profileOverrideSchema, type ProfileOverride, type ValidationProfile } from './profile';

export interface ProfileStore {
  /** The shipped channel default, overridden by the channel-wide row ('*') and then the account's row. */
  profileFor(channel: SalesChannel, accountId: string): Promise<ValidationProfile>;
  setOverride(
    channel: SalesChannel,
    accountId: string,
    override: ProfileOverride,
  ): Promise<ValidationProfile>;
}

/** Profiles read from intake_validation_profiles, cached briefly so the hot path rarely queries. */
export function createProfileStore(db: Queryable, cacheMs = 5_000): ProfileStore {
  const cache = new Map<string, { profile: ValidationProfile; until: number }>();
  async function load(channel: SalesChannel, accountId: string): Promise<ValidationProfile> {
    const { rows } = await db.query<{ account_id: string; profile: unknown }>(
      `SELECT account_id, profile FROM intake_validation_profiles
       WHERE channel = $1 AND account_id IN ('*', $2) ORDER BY (account_id = '*') DESC`,
      [channel, accountId],
    );
    const overrides = rows.map((row) => profileOverrideSchema.parse(row.profile));
    return mergeProfile(defaultProfileFor(channel), ...overrides);
  }
  return {
    async profileFor(channel, accountId) {
      const key = `${channel}\u0000${accountId}`;
      const hit = cache.get(key);
      if (hit && hit.until > Date.now()) return hit.profile;
      const profile = await load(channel, accountId);
      cache.set(key, { profile, until: Date.now() + cacheMs });
      return profile;
    },
    async setOverride(channel, accountId, override) {
      const parsed = profileOverrideSchema.parse(override);
      await db.query(
        `INSERT INTO intake_validation_profiles (channel, account_id, profile) VALUES ($1, $2, $3)
         ON CONFLICT (channel, account_id) DO UPDATE SET profile = EXCLUDED.profile, updated_at = now()`,
        [channel, accountId, JSON.stringify(parsed)],
      );
      cache.clear();
      return load(channel, accountId);
    },
  };
}
