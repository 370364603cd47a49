-- Delivered shipments, the service's own and imported history alike, that the delivery-date model
-- learns from. The natural key makes an import or a replay add each shipment once.
CREATE TABLE shipment_history (
  natural_key         text PRIMARY KEY,
  source              text NOT NULL,
  carrier             text NOT NULL,
  service             text NOT NULL,
  delivery_terms      text,
  origin_region       text,
  destination_region  text NOT NULL,
  promised_date       date NOT NULL,
  shipped_at          timestamptz,
  delivered_at        timestamptz NOT NULL,
  weight_kg           double precision,
  stage_timings       jsonb NOT NULL DEFAULT '{}',
  recorded_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX shipment_history_promised_date_idx ON shipment_history (promised_date);

-- Trained delivery-date models; the highest version is the one predictions use.
CREATE TABLE delivery_models (
  version        integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  trained_at     timestamptz NOT NULL,
  training_rows  integer NOT NULL,
  model          jsonb NOT NULL
);
