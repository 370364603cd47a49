-- Service tokens of machines calling operator routes (the warehouse, scripts). Only a salted hash of
-- each token is kept; the token itself is shown once, when issued.
CREATE TABLE ops_service_tokens (
  token_id    text PRIMARY KEY,
  name        text NOT NULL,
  scopes      text[] NOT NULL,
  salt        bytea NOT NULL,
  token_hash  bytea NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz
);

-- Operator actions, each with the principal that took it (bootstrap, token:<name>, oidc:<subject>).
CREATE TABLE ops_audit (
  id         bigserial PRIMARY KEY,
  at         timestamptz NOT NULL DEFAULT now(),
  principal  text NOT NULL,
  action     text NOT NULL,
  method     text NOT NULL,
  path       text NOT NULL,
  status     integer NOT NULL,
  details    jsonb
);
CREATE INDEX ops_audit_recent_idx ON ops_audit (at DESC);
