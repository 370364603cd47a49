import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TrainingExample } from '../../../src/prediction/model/lanes';
import { predictDelivery } from '../../../src/prediction/model/predict';
import { trainDeliveryModel } from '../../../src/prediction/model/train-model';
import {
  equalTailedInterval,
  recencyWeight,
  shortestInterval,
  weightedQuantile,
  weightedSample,
} from '../../../src/prediction/model/weighted-sample';
import { addDays } from '../../../src/prediction/history/shipment-history';

describe('weighted residual intervals', () => {
  it('the shortest interval of a sample piled at 0 is far narrower than the equal-tailed one', () => {
    // 90 rows on time, 5 from −40..−36 early, 5 from +20..+24 late.
    const values = [...Array(90).fill(0), -40, -39, -38, -37, -36, 20, 21, 22, 23, 24];
    const sample = weightedSample(values, Array(100).fill(1));
    assert.deepEqual(shortestInterval(sample, 0.9), { lower: 0, upper: 0 });
    assert.deepEqual(shortestInterval(sample, 0.95), { lower: 0, upper: 24 });
    assert.deepEqual(equalTailedInterval(sample, 0.9), { lower: -36, upper: 0 });
    assert.deepEqual(equalTailedInterval(sample, 0.95), { lower: -38, upper: 22 });
    assert.deepEqual(shortestInterval(sample, 1), { lower: -40, upper: 24 });
  });

  it('weights move the interval and the quantiles toward the heavy rows', () => {
    const sample = weightedSample([0, 10, 10, 30], [1, 1, 1, 7]);
    assert.equal(sample.rows, 4);
    assert.equal(sample.totalWeight, 10);
    assert.equal(weightedQuantile(sample, 0.5), 30);
    assert.deepEqual(shortestInterval(sample, 0.7), { lower: 30, upper: 30 });
    assert.deepEqual(shortestInterval(sample, 0.8), { lower: 10, upper: 30 });
  });

  it('a row loses half its weight per half-life; 0 keeps every weight 1', () => {
    assert.equal(recencyWeight('2011-12-31', '2011-12-31', 1), 1);
    assert.ok(Math.abs(recencyWeight('2010-01-01', '2012-01-01', 1) - 0.25) < 0.002);
    assert.ok(Math.abs(recencyWeight('2011-01-01', '2012-01-01', 0.5) - 0.25) < 0.002);
    assert.equal(recencyWeight('2001-01-01', '2012-01-01', 0), 1);
  });
});

function rows(carrier: string, residuals: number[], start: string): TrainingExample[] {
  return residuals.map((residualDays, i) => ({
    carrier,
    service: 'air',
    deliveryTerms: null,
    originRegion: null,
    destinationRegion: 'KE',
    promisedDate: addDays(start, i),
    residualDays,
  }));
}

describe('group-conditional calibration', () => {
  it('covers each group on its own latest rows and leaves the tight group unwidened', () => {
    // "tight" is always on time; "drifting" was on time, then its latest rows run 1..20 days late.
    const history = [
      ...rows('tight', Array(500).fill(0), '2020-01-01'),
      ...rows('drifting', Array(400).fill(0), '2020-01-01'),
      ...rows(
        'drifting',
        Array.from({ length: 100 }, (_, i) => 1 + (i % 20)),
        '2021-02-05',
      ),
    ];
    const model = trainDeliveryModel(history, 't', {
      minLaneRows: 10,
      calibrationShare: 0.2,
      refitAfterCalibration: false,
      windowHalfLifeYears: 0,
    });
    const { tight, drifting } = model.calibration.groups;
    assert.ok(tight && drifting, JSON.stringify(model.calibration));
    assert.equal(tight.lowerMarginDays + tight.upperMarginDays, 0);
    assert.ok(drifting.coverageBefore! < 0.5);
    assert.ok(drifting.coverageAfter! >= 0.96, JSON.stringify(drifting));
    const shipment = { ...history[0]!, promisedDate: '2022-01-01' };
    const tightWindow = predictDelivery(model, { ...shipment, carrier: 'tight' });
    assert.deepEqual(tightWindow.window, { earliest: '2022-01-01', latest: '2022-01-01' });
    const late = predictDelivery(model, { ...shipment, carrier: 'drifting' });
    assert.equal(late.explanation.calibrationGroup, 'drifting');
    assert.ok(late.window.latest >= '2022-01-20', late.window.latest);
  });

  it('one calibration for every row reaches the target overall but widens the tight group too', () => {
    const history = [
      ...rows('tight', Array(500).fill(0), '2020-01-01'),
      ...rows('drifting', Array(400).fill(0), '2020-01-01'),
      ...rows(
        'drifting',
        Array.from({ length: 100 }, (_, i) => 1 + (i % 20)),
        '2021-02-05',
      ),
    ];
    const model = trainDeliveryModel(history, 't', {
      minLaneRows: 10,
      calibrationShare: 0.2,
      calibrationGroup: null,
      refitAfterCalibration: false,
      windowHalfLifeYears: 0,
    });
    assert.deepEqual(Object.keys(model.calibration.groups), ['*']);
    const tight = predictDelivery(model, { ...history[0]!, promisedDate: '2022-01-01' });
    assert.notEqual(tight.window.latest, '2022-01-01');
  });
});
