-- Preferences and push tokens belong to one customer of one sales channel account. Customer IDs come
-- from the channel and are unique only within an account, so keyed by the bare ID, customer "123" of
-- one account read and changed (through its customer link), and bounced or STOPped, the settings of
-- customer "123" in every other account.
--
-- Old rows name no account. Each customer ID is mapped to the (channel, account) pairs it is known
-- under: orders in the read model, and the delivery records (their order IDs are
-- `channel:account:externalId`), which cover customers messaged for orders the read model lacks.
--   * Exactly one pair: the row moves there whole.
--   * Several pairs (ambiguous): we cannot tell whose settings they are. Preferences default to "on",
--     so dropping an opt-out would message someone who said STOP. Rows that restrict anything (a
--     channel the defaults send on left out, or a disabled channel) are copied to every pair, but only
--     their restrictions: channels = the stored ones that are also defaults (an opt-in to SMS is the
--     other customers' to give), disabled channels as they were (they apply to the address that
--     bounced only); locale, time zone and quiet hours fall back to the defaults. Rows that restrict
--     nothing are dropped: the defaults are the same.
--   * No pair (unknown): no account ever had an order or a message for the ID, so nothing can be sent
--     on its behalf. Those, and the ambiguous rows as they were, are kept in
--     notification_preferences_unmapped for ops to review; no code reads that table.
-- Push tokens move only when the ID maps to exactly one pair: a device is one person's, and copying it
-- to several accounts would put one customer's order news on another's phone. The others are dropped;
-- apps register their token again when they start.
-- The defaults below are DEFAULT_OPTED_IN (src/notifications/routing.ts) as of this migration.

DROP INDEX notification_push_tokens_customer_idx;
ALTER TABLE notification_preferences RENAME TO notification_preferences_by_id;
ALTER INDEX notification_preferences_pkey RENAME TO notification_preferences_by_id_pkey;
ALTER TABLE notification_push_tokens RENAME TO notification_push_tokens_by_id;
ALTER INDEX notification_push_tokens_pkey RENAME TO notification_push_tokens_by_id_pkey;

CREATE TABLE notification_preferences (
  sales_channel      text NOT NULL,
  account_id         text NOT NULL,
  customer_id        text NOT NULL,
  -- Channels the customer opted in to; NULL means the service defaults apply.
  channels           text[],
  locale             text,
  time_zone          text,
  -- {"start": "HH:MM", "end": "HH:MM"} in local time, {} for no quiet hours, NULL for the defaults.
  quiet_hours        jsonb,
  -- Per channel: {"email": {"reason": "...", "recipient": "...", "at": "..."}}; set by hard bounces and STOP.
  disabled_channels  jsonb NOT NULL DEFAULT '{}'::jsonb,
  updated_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sales_channel, account_id, customer_id)
);

-- A device belongs to one customer of an account at a time; the same device may be known to several accounts.
CREATE TABLE notification_push_tokens (
  sales_channel  text NOT NULL,
  account_id     text NOT NULL,
  customer_id    text NOT NULL,
  token          text NOT NULL,
  platform       text NOT NULL CHECK (platform IN ('android', 'ios', 'web')),
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sales_channel, account_id, token)
);
CREATE INDEX notification_push_tokens_customer_idx
  ON notification_push_tokens (sales_channel, account_id, customer_id);

CREATE TABLE notification_preferences_unmapped (
  customer_id        text NOT NULL,
  -- 'unknown' (no account) or 'ambiguous' (several; its restrictions were copied to each).
  why                text NOT NULL,
  channels           text[],
  locale             text,
  time_zone          text,
  quiet_hours        jsonb,
  disabled_channels  jsonb NOT NULL,
  updated_at         timestamptz NOT NULL,
  migrated_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE notification_customer_id_pairs AS
  SELECT DISTINCT customer_id, channel AS sales_channel, account_id FROM orders
  UNION
  SELECT customer_id, split_part(order_id, ':', 1), split_part(order_id, ':', 2)
    FROM notification_deliveries WHERE split_part(order_id, ':', 3) <> '';

CREATE TABLE notification_customer_id_pair_counts AS
  SELECT customer_id, count(*) AS pairs FROM notification_customer_id_pairs GROUP BY customer_id;

INSERT INTO notification_preferences
  (sales_channel, account_id, customer_id, channels, locale, time_zone, quiet_hours, disabled_channels, updated_at)
SELECT k.sales_channel, k.account_id, p.customer_id, p.channels, p.locale, p.time_zone, p.quiet_hours,
       p.disabled_channels, p.updated_at
  FROM notification_preferences_by_id p
  JOIN notification_customer_id_pair_counts c ON c.customer_id = p.customer_id AND c.pairs = 1
  JOIN notification_customer_id_pairs k ON k.customer_id = p.customer_id;

INSERT INTO notification_preferences
  (sales_channel, account_id, customer_id, channels, locale, time_zone, quiet_hours, disabled_channels, updated_at)
SELECT k.sales_channel, k.account_id, p.customer_id,
       CASE WHEN p.channels IS NULL THEN NULL
            ELSE ARRAY(SELECT unnest(p.channels) INTERSECT SELECT unnest(ARRAY['email', 'push', 'in_app'])) END,
       NULL, NULL, NULL, p.disabled_channels, p.updated_at
  FROM notification_preferences_by_id p
  JOIN notification_customer_id_pair_counts c ON c.customer_id = p.customer_id AND c.pairs > 1
  JOIN notification_customer_id_pairs k ON k.customer_id = p.customer_id
 WHERE p.disabled_channels <> '{}'::jsonb
    OR (p.channels IS NOT NULL AND NOT (ARRAY['email', 'push', 'in_app'] <@ p.channels));

INSERT INTO notification_preferences_unmapped
  (customer_id, why, channels, locale, time_zone, quiet_hours, disabled_channels, updated_at)
SELECT p.customer_id, CASE WHEN c.pairs IS NULL THEN 'unknown' ELSE 'ambiguous' END, p.channels, p.locale,
       p.time_zone, p.quiet_hours, p.disabled_channels, p.updated_at
  FROM notification_preferences_by_id p
  LEFT JOIN notification_customer_id_pair_counts c ON c.customer_id = p.customer_id
 WHERE c.pairs IS DISTINCT FROM 1;

INSERT INTO notification_push_tokens (sales_channel, account_id, customer_id, token, platform, created_at)
SELECT k.sales_channel, k.account_id, t.customer_id, t.token, t.platform, t.created_at
  FROM notification_push_tokens_by_id t
  JOIN notification_customer_id_pair_counts c ON c.customer_id = t.customer_id AND c.pairs = 1
  JOIN notification_customer_id_pairs k ON k.customer_id = t.customer_id;

DROP TABLE notification_customer_id_pair_counts;
DROP TABLE notification_customer_id_pairs;
DROP TABLE notification_preferences_by_id;
DROP TABLE notification_push_tokens_by_id;
