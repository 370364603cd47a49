-- Carrier events for tracking numbers no order owns, kept for ops: one row per number, however many
-- pushes arrive for it, so an unknown number never turns into an error storm.
CREATE TABLE carrier_unknown_tracking (
  carrier          text NOT NULL,
  tracking_number  text NOT NULL,
  first_seen_at    timestamptz NOT NULL,
  last_seen_at     timestamptz NOT NULL,
  event_count      integer NOT NULL,
  last_via         text NOT NULL,
  last_event       jsonb NOT NULL,
  PRIMARY KEY (carrier, tracking_number)
);
CREATE INDEX carrier_unknown_tracking_last_seen_idx ON carrier_unknown_tracking (last_seen_at DESC);
