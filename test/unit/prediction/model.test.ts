import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseModel, serializeModel } from '../../../src/prediction/model/delivery-model';
import type { TrainingExample } from '../../../src/prediction/model/lanes';
import { predictDelivery } from '../../../src/prediction/model/predict';
import { trainDeliveryModel } from '../../../src/prediction/model/train-model';
import { addDays } from '../../../src/prediction/history/shipment-history';

const lane = {
  carrier: 'ups',
  service: 'ground',
  deliveryTerms: null,
  originRegion: null,
  destinationRegion: 'US',
};

/** Rows on consecutive promised dates with the given residuals, in order. */
function history(residuals: number[], overrides: Partial<TrainingExample> = {}, start = '2020-01-01') {
  return residuals.map((residualDays, i) => ({
    ...lane,
    ...overrides,
    promisedDate: addDays(start, i),
    residualDays,
  }));
}

const noCalibration = {
  calibrationShare: 0,
  minLaneRows: 10,
  priorStrength: 0,
  windowHalfLifeYears: 0,
  lateHalfLifeYears: 0,
};

describe('delivery-date model', () => {
  it('uses the window of a known lane', () => {
    const residuals = Array.from({ length: 101 }, (_, i) => i - 50); // -50..50
    const model = trainDeliveryModel(history(residuals), 't', {
      ...noCalibration,
      windowShape: 'equal-tailed',
    });
    const prediction = predictDelivery(model, { ...lane, promisedDate: '2021-03-10' });
    assert.equal(prediction.estimatedDate, '2021-03-10');
    assert.deepEqual(prediction.window, {
      earliest: addDays('2021-03-10', -48),
      latest: addDays('2021-03-10', 48),
    });
    assert.equal(prediction.explanation.level, 'carrier+deliveryTerms+service+destinationRegion');
    assert.equal(prediction.explanation.laneRows, 101);
    assert.deepEqual(prediction.explanation.backedOffFrom, []);
  });

  it('backs off to a broader lane when the lane is thin, and says so', () => {
    const busy = history(Array(40).fill(3), { destinationRegion: 'US' });
    const thin = history(Array(4).fill(-20), { destinationRegion: 'FR' });
    const model = trainDeliveryModel([...busy, ...thin], 't', noCalibration);
    const fr = predictDelivery(model, { ...lane, destinationRegion: 'FR', promisedDate: '2021-01-01' });
    assert.equal(fr.explanation.level, 'carrier+deliveryTerms+service');
    assert.equal(fr.explanation.laneRows, 44);
    assert.deepEqual(
      fr.explanation.backedOffFrom.map((b) => b.rows),
      [4],
    );
    const us = predictDelivery(model, { ...lane, promisedDate: '2021-01-01' });
    assert.equal(us.estimatedDate, '2021-01-04');
  });

  it('widens the window until the latest slice of training is covered', () => {
    // Early rows are always on time; the latest fifth runs 1 to 10 days late.
    const early = Array(400).fill(0);
    const late = Array.from({ length: 100 }, (_, i) => 1 + (i % 10));
    const model = trainDeliveryModel(history([...early, ...late]), 't', {
      ...noCalibration,
      calibrationShare: 0.2,
    });
    const ups = model.calibration.groups['ups']!;
    assert.equal(model.calibration.calibrationRows, 100);
    assert.equal(ups.coverageBefore, 0);
    assert.ok(ups.coverageAfter! >= 0.96);
    assert.ok(ups.upperMarginDays >= 9, JSON.stringify(model.calibration));
    const uncalibrated = trainDeliveryModel(history([...early, ...late]), 't', noCalibration);
    assert.equal(uncalibrated.calibration.groups['*']!.upperMarginDays, 0);
  });

  it('smooths a lane late rate toward its parent', () => {
    const rows = [
      ...history(Array(80).fill(0), { destinationRegion: 'US' }),
      ...history([5, 5, 5, 5], { destinationRegion: 'FR' }),
      ...history(Array(16).fill(2), { destinationRegion: 'DE' }),
    ];
    const model = trainDeliveryModel(rows, 't', { ...noCalibration, priorStrength: 20 });
    const parentRate = 20 / 100;
    const fr = predictDelivery(model, { ...lane, destinationRegion: 'FR', promisedDate: '2021-01-01' });
    // Only the most specific level tells FR apart, smoothed toward the shared lane's rate.
    const expected = (4 + 20 * parentRate) / (4 + 20);
    assert.ok(Math.abs(fr.lateProbability - expected) < 1e-12);
    assert.ok(fr.lateProbability > parentRate && fr.lateProbability < 1);
    assert.equal(fr.explanation.lateLane.rows, 4);
  });

  it('round-trips through JSON and predicts the same', () => {
    const model = trainDeliveryModel(history(Array.from({ length: 60 }, (_, i) => (i % 7) - 2)), 't');
    const restored = parseModel(serializeModel(model));
    const shipment = { ...lane, promisedDate: '2022-05-01' };
    assert.deepEqual(predictDelivery(restored, shipment), predictDelivery(model, shipment));
    assert.throws(() => parseModel('{"format":"other"}'));
  });

  it('predicts in well under a millisecond', () => {
    const model = trainDeliveryModel(history(Array.from({ length: 10_000 }, (_, i) => (i % 31) - 10)), 't');
    const started = performance.now();
    for (let i = 0; i < 10_000; i++) predictDelivery(model, { ...lane, promisedDate: '2030-01-01' });
    assert.ok((performance.now() - started) / 10_000 < 1);
  });
});
