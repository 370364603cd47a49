-- The ops exception queue: one row per order and risk stage (a missed stage deadline or a stalled
-- shipment). The order workflow raises a row when the stage runs late and resolves it when the stage
-- completes; raising it again reopens the same row.
CREATE TABLE order_exceptions (
  order_id           text NOT NULL,
  stage              text NOT NULL,
  level              smallint NOT NULL,
  priority           text NOT NULL,
  priority_rank      smallint NOT NULL,
  order_status       text NOT NULL,
  due_at             timestamptz NOT NULL,
  raised_at          timestamptz NOT NULL,
  lateness_minutes   integer NOT NULL,
  order_value_minor  bigint NOT NULL,
  currency           text NOT NULL,
  customer_tier      text,
  tier_rank          smallint NOT NULL,
  resolved_at        timestamptz,
  PRIMARY KEY (order_id, stage)
);
CREATE INDEX order_exceptions_open_idx ON order_exceptions (priority_rank DESC, order_value_minor DESC)
  WHERE resolved_at IS NULL;
