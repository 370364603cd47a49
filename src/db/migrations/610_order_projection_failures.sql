-- Read-model writes PostgreSQL refused for the data itself (SQLSTATE classes 22 and 23: invalid text,
-- a value too long, a violated check). The order workflow goes on past them; ops find them here.
CREATE TABLE order_projection_failures (
  order_id   text NOT NULL,
  version    integer NOT NULL,
  sqlstate   text NOT NULL,
  message    text NOT NULL,
  failed_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (order_id, version)
);
CREATE INDEX order_projection_failures_recent_idx ON order_projection_failures (failed_at DESC);
