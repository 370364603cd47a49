-- Service tokens expire. Tokens issued before this had none: they get 90 days from now, time enough
-- to issue their successors, instead of living until someone remembers to revoke them.
ALTER TABLE ops_service_tokens ADD COLUMN expires_at timestamptz;
UPDATE ops_service_tokens SET expires_at = now() + interval '90 days' WHERE expires_at IS NULL;
ALTER TABLE ops_service_tokens ALTER COLUMN expires_at SET NOT NULL;
