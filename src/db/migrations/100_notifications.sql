-- Notification service: customer preferences, delivery records (one per order, event and channel),
-- dead letters, the in-app inbox and provider feedback deduplication. Written only by the
-- notification worker and the notification routers.

CREATE TABLE notification_preferences (
  customer_id        text PRIMARY KEY,
  -- Channels the customer opted in to; NULL means the service defaults apply.
  channels           text[],
  locale             text,
  time_zone          text,
  -- {"start": "HH:MM", "end": "HH:MM"} in local time, {} for no quiet hours, NULL for the defaults.
  quiet_hours        jsonb,
  -- Per channel: {"email": {"reason": "...", "recipient": "...", "at": "..."}}; set by hard bounces and STOP.
  disabled_channels  jsonb NOT NULL DEFAULT '{}'::jsonb,
  updated_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE notification_push_tokens (
  token        text PRIMARY KEY,
  customer_id  text NOT NULL,
  platform     text NOT NULL CHECK (platform IN ('android', 'ios', 'web')),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notification_push_tokens_customer_idx ON notification_push_tokens (customer_id);

CREATE TABLE notification_deliveries (
  order_id             text NOT NULL,
  event_id             text NOT NULL,
  channel              text NOT NULL CHECK (channel IN ('email', 'sms', 'push', 'in_app')),
  delivery_key         text NOT NULL UNIQUE,
  customer_id          text NOT NULL,
  milestone            text NOT NULL,
  -- claimed: a send is in flight until lease_until. attempt_failed: the provider refused it, nothing
  -- went out. attempt_unknown: the outcome is unknown (timeout, crash); reconcile before sending again.
  status               text NOT NULL CHECK (status IN ('claimed', 'attempt_failed', 'attempt_unknown', 'sent',
                         'delivered', 'bounced', 'undelivered', 'failed', 'suppressed')),
  recipient            text,
  fallback_for         text,
  attempts             integer NOT NULL DEFAULT 0,
  lease_until          timestamptz,
  provider_message_id  text,
  -- Push goes to every device token: token -> FCM message name, filled as each one is accepted.
  parts                jsonb NOT NULL DEFAULT '{}'::jsonb,
  last_error           text,
  requested_at         timestamptz NOT NULL,
  claimed_at           timestamptz,
  sent_at              timestamptz,
  updated_at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (order_id, event_id, channel)
);
CREATE INDEX notification_deliveries_provider_id_idx ON notification_deliveries (provider_message_id);
CREATE INDEX notification_deliveries_recipient_idx ON notification_deliveries (channel, recipient);
CREATE INDEX notification_deliveries_customer_idx ON notification_deliveries (customer_id);

CREATE TABLE notification_dead_letters (
  id                 bigserial PRIMARY KEY,
  order_id           text NOT NULL,
  event_id           text NOT NULL,
  channel            text NOT NULL,
  reason             text NOT NULL,
  error_type         text,
  request            jsonb NOT NULL,
  status             text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'replaying', 'resolved')),
  replay_count       integer NOT NULL DEFAULT 0,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (order_id, event_id, channel)
);
CREATE INDEX notification_dead_letters_status_idx ON notification_dead_letters (status);

CREATE TABLE notification_inbox (
  id           bigserial PRIMARY KEY,
  customer_id  text NOT NULL,
  order_id     text NOT NULL,
  event_id     text NOT NULL,
  milestone    text NOT NULL,
  title        text NOT NULL,
  body         text NOT NULL,
  link         text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  read_at      timestamptz,
  UNIQUE (order_id, event_id)
);
CREATE INDEX notification_inbox_customer_idx ON notification_inbox (customer_id, id);
CREATE INDEX notification_inbox_order_idx ON notification_inbox (order_id, id);

-- Provider feedback events already applied (SendGrid sg_event_id, Twilio MessageSid + status).
CREATE TABLE notification_provider_events (
  provider     text NOT NULL,
  event_id     text NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (provider, event_id)
);
