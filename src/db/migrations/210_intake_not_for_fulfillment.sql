-- Channel orders this service does not ship (fulfilled by the marketplace, sold in store, picked up):
-- acknowledged to the channel and kept here so ops can see them, rather than dead-lettered.
CREATE TABLE intake_not_for_fulfillment (
  order_id     text PRIMARY KEY,
  channel      text NOT NULL,
  account_id   text NOT NULL,
  external_id  text NOT NULL,
  -- marketplace | in_store
  fulfilled_by text NOT NULL,
  reason       text NOT NULL,
  total_minor  bigint,
  currency     text,
  received_at  timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX intake_not_for_fulfillment_recent_idx ON intake_not_for_fulfillment (received_at DESC);
