-- Read model of the order core. Written only by the order workflow's activities.

CREATE TABLE orders (
  order_id            text PRIMARY KEY,
  channel             text NOT NULL,
  account_id          text NOT NULL,
  external_id         text NOT NULL,
  customer_id         text NOT NULL,
  status              text NOT NULL,
  delayed             boolean NOT NULL DEFAULT false,
  -- Sequence number of the last timeline entry applied; the projection never moves it backwards.
  version             integer NOT NULL,
  currency            text NOT NULL,
  total_minor         bigint NOT NULL,
  promised_delivery   date,
  estimated_delivery  date,
  order_data          jsonb NOT NULL,
  placed_at           timestamptz NOT NULL,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (channel, account_id, external_id)
);
CREATE INDEX orders_status_idx ON orders (status);
CREATE INDEX orders_customer_idx ON orders (customer_id);

CREATE TABLE order_timeline (
  order_id     text NOT NULL REFERENCES orders (order_id) ON DELETE CASCADE,
  seq          integer NOT NULL,
  event_id     text NOT NULL,
  event_type   text NOT NULL,
  source       text NOT NULL,
  from_status  text NOT NULL,
  to_status    text NOT NULL,
  applied      boolean NOT NULL,
  note         text,
  details      jsonb NOT NULL DEFAULT '{}'::jsonb,
  occurred_at  timestamptz NOT NULL,
  recorded_at  timestamptz NOT NULL,
  PRIMARY KEY (order_id, seq)
);

-- Package numbers come from a sequence, so every generated tracking number is unique by construction;
-- the UNIQUE constraint below is the guarantee.
CREATE SEQUENCE tracking_package_seq START 1000001;

-- No foreign key to orders: a shipment is recorded by the workflow, which may run ahead of the projection.
CREATE TABLE shipments (
  order_id            text NOT NULL,
  shipment_no         integer NOT NULL,
  carrier             text NOT NULL,
  service             text NOT NULL,
  tracking_number     text NOT NULL UNIQUE,
  status              text NOT NULL DEFAULT 'pre_transit',
  estimated_delivery  date,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (order_id, shipment_no)
);

CREATE TABLE inventory (
  sku         text PRIMARY KEY,
  on_hand     integer NOT NULL CHECK (on_hand >= 0),
  reserved    integer NOT NULL DEFAULT 0 CHECK (reserved >= 0),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (reserved <= on_hand)
);

CREATE TABLE reservations (
  order_id    text NOT NULL,
  sku         text NOT NULL REFERENCES inventory (sku),
  quantity    integer NOT NULL CHECK (quantity > 0),
  state       text NOT NULL CHECK (state IN ('held', 'released', 'shipped')),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (order_id, sku)
);

-- Orders waiting for stock, so a restock can wake exactly the orders that need the SKU.
CREATE TABLE backorders (
  order_id  text NOT NULL,
  sku       text NOT NULL,
  quantity  integer NOT NULL,
  PRIMARY KEY (order_id, sku)
);
CREATE INDEX backorders_sku_idx ON backorders (sku);

-- Stock receipts, keyed by the sender's event ID so a repeated restock adds nothing.
CREATE TABLE inventory_receipts (
  event_id     text PRIMARY KEY,
  sku          text NOT NULL REFERENCES inventory (sku),
  quantity     integer NOT NULL CHECK (quantity > 0),
  received_at  timestamptz NOT NULL DEFAULT now()
);
