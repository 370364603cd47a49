-- The promise's source and the order's current delivery forecast, as the order workflow keeps them:
-- the predicted window (inclusive dates), its estimate, the late probability and whether the order
-- was flagged at risk (the customer warned). Empty until the order ships with a model.
ALTER TABLE orders
  ADD COLUMN promise_source      text,
  ADD COLUMN predicted_from      date,
  ADD COLUMN predicted_to        date,
  ADD COLUMN predicted_estimate  date,
  ADD COLUMN late_probability    double precision,
  ADD COLUMN forecast_model_version integer,
  ADD COLUMN at_risk             boolean NOT NULL DEFAULT false;
