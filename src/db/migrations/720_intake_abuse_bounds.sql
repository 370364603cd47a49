-- Bounds on what rejected input may store: whether a dead letter's body is what its channel signed
-- (a correction clears it), the size it came in with when only a prefix was kept, and indexes for
-- the per-account quota and the retention purge.
ALTER TABLE intake_dead_letters ADD COLUMN verified boolean NOT NULL DEFAULT true;
UPDATE intake_dead_letters SET verified = false WHERE stage = 'verification' OR corrected;
ALTER TABLE intake_dead_letters ADD COLUMN body_bytes integer;
ALTER TABLE intake_dead_letters ADD COLUMN body_truncated boolean NOT NULL DEFAULT false;
CREATE INDEX intake_dead_letters_quota_idx
  ON intake_dead_letters (channel, account_id, verified) WHERE status = 'open';
CREATE INDEX intake_dead_letters_last_seen_idx ON intake_dead_letters (last_seen_at);
CREATE INDEX intake_deliveries_updated_idx ON intake_deliveries (updated_at);
CREATE INDEX notification_provider_events_received_idx ON notification_provider_events (received_at);
