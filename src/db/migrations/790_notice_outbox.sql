-- Customer notices written by the order's read-model projection, drained by the notification workers.
-- One row per (order, event) until its messages were accepted or it was handed to its own workflow.
CREATE TABLE notice_outbox (
  order_id     text NOT NULL,
  event_id     text NOT NULL,
  request      jsonb NOT NULL,
  -- The W3C trace context of the projection that wrote it: the messages' spans join the order's trace.
  trace_context jsonb,
  created_at   timestamptz NOT NULL DEFAULT now(),
  -- A worker took the row until then; a row whose lease ran out is taken again.
  lease_until  timestamptz,
  attempts     integer NOT NULL DEFAULT 0,
  PRIMARY KEY (order_id, event_id)
);
CREATE INDEX notice_outbox_due_idx ON notice_outbox (lease_until NULLS FIRST, created_at);
