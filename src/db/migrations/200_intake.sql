-- Governed multi-channel intake: delivery dedupe, source versions, dead letters, health, profiles, API keys.

-- One row per webhook delivery / notification ID a channel sent us, so a redelivery never starts twice.
CREATE TABLE intake_deliveries (
  channel      text NOT NULL,
  account_id   text NOT NULL,
  delivery_id  text NOT NULL,
  -- processing | accepted | duplicate | stale | cancelled | deferred | ignored | dead_letter
  outcome      text NOT NULL,
  order_id     text,
  received_at  timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (channel, account_id, delivery_id)
);

-- Orders the intake has handed to the order core, with the newest source version seen (stale detection).
CREATE TABLE intake_order_sources (
  order_id        text PRIMARY KEY,
  channel         text NOT NULL,
  account_id      text NOT NULL,
  external_id     text NOT NULL,
  source_version  timestamptz,
  via             text NOT NULL,
  first_seen_at   timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX intake_order_sources_account_idx ON intake_order_sources (channel, account_id);

-- Cancellations received from channels (e.g. an Amazon order that moved to Canceled).
CREATE TABLE intake_cancellations (
  order_id     text NOT NULL,
  channel      text NOT NULL,
  account_id   text NOT NULL,
  reason       text NOT NULL,
  forwarded    boolean NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (order_id)
);

CREATE TABLE intake_dead_letters (
  id             bigserial PRIMARY KEY,
  channel        text NOT NULL,
  account_id     text,
  delivery_id    text,
  -- verification | parsing | fetch | validation
  stage          text NOT NULL,
  status         text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'replayed', 'discarded')),
  raw_body       bytea NOT NULL,
  headers        jsonb NOT NULL DEFAULT '{}'::jsonb,
  errors         jsonb NOT NULL,
  order_id       text,
  value_minor    bigint,
  currency       text,
  customer_tier  text,
  placed_at      timestamptz,
  attempts       integer NOT NULL DEFAULT 1,
  received_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at   timestamptz NOT NULL DEFAULT now(),
  corrected      boolean NOT NULL DEFAULT false,
  resolution     text,
  resolved_at    timestamptz
);
CREATE INDEX intake_dead_letters_open_idx ON intake_dead_letters (status, received_at);
-- A channel's redelivery of the same failing delivery updates its dead letter instead of adding another.
CREATE UNIQUE INDEX intake_dead_letters_delivery_idx
  ON intake_dead_letters (channel, account_id, delivery_id) WHERE delivery_id IS NOT NULL AND status = 'open';

CREATE TABLE intake_dead_letter_audit (
  id              bigserial PRIMARY KEY,
  dead_letter_id  bigint NOT NULL REFERENCES intake_dead_letters (id),
  action          text NOT NULL,
  actor           text NOT NULL,
  reason          text,
  details         jsonb NOT NULL DEFAULT '{}'::jsonb,
  at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX intake_dead_letter_audit_letter_idx ON intake_dead_letter_audit (dead_letter_id, id);

CREATE TABLE intake_source_health (
  channel          text NOT NULL,
  account_id       text NOT NULL,
  last_success_at  timestamptz,
  last_failure_at  timestamptz,
  failure_streak   integer NOT NULL DEFAULT 0,
  last_error       text,
  successes        bigint NOT NULL DEFAULT 0,
  failures         bigint NOT NULL DEFAULT 0,
  last_reconciled_at timestamptz,
  PRIMARY KEY (channel, account_id)
);

-- Validation profile overrides; account_id '*' is the channel-wide override. Defaults ship as a data file.
CREATE TABLE intake_validation_profiles (
  channel     text NOT NULL,
  account_id  text NOT NULL DEFAULT '*',
  profile     jsonb NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (channel, account_id)
);

-- API keys of custom REST channel accounts. Only a salted hash is stored.
CREATE TABLE intake_api_keys (
  key_id      text PRIMARY KEY,
  account_id  text NOT NULL,
  salt        bytea NOT NULL,
  key_hash    bytea NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz
);
CREATE INDEX intake_api_keys_account_idx ON intake_api_keys (account_id);
