import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  combineWithCarrierEstimate,
  forecastDelivery,
  lateProbabilityToday,
  shouldWarnAtRisk,
} from '../../../src/domain/promise/delivery-forecast';

const promisedDate = '2026-12-10';
const model = {
  estimatedDate: '2026-12-10',
  window: { earliest: '2026-12-06', latest: '2026-12-14' },
  lateProbability: 0.2,
};

test('a carrier date inside the model window becomes the estimate; the window stays', () => {
  const combined = combineWithCarrierEstimate(model.window, '2026-12-08', '2026-12-05');
  assert.deepEqual(combined, { window: model.window, estimatedDate: '2026-12-08' });
});

test('a carrier date after the window moves its latest day halfway toward it; the estimate is clipped', () => {
  const combined = combineWithCarrierEstimate(model.window, '2026-12-24T18:00:00Z', '2026-12-05');
  assert.deepEqual(combined.window, { earliest: '2026-12-06', latest: '2026-12-19' });
  assert.equal(combined.estimatedDate, '2026-12-19');
});

test('a carrier date before the window moves its earliest day halfway, never before today', () => {
  const early = combineWithCarrierEstimate(model.window, '2026-12-02', '2026-12-01');
  assert.deepEqual(early, {
    window: { earliest: '2026-12-04', latest: '2026-12-14' },
    estimatedDate: '2026-12-04',
  });
  const pastToday = combineWithCarrierEstimate(model.window, '2026-11-20', '2026-12-05');
  assert.equal(pastToday.window.earliest, '2026-12-05');
});

test('on shipping day the forecast is the model prediction', () => {
  const forecast = forecastDelivery(model, 3, { promisedDate, today: '2026-12-03', reason: 'shipped' });
  assert.deepEqual(forecast, { ...model, modelVersion: 3, reason: 'shipped', madeOn: '2026-12-03' });
});

test('each day without delivery raises the late probability; past the promise it is certain', () => {
  const days = ['2026-12-06', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11'];
  const probabilities = days.map((today) => lateProbabilityToday(model, promisedDate, today));
  for (let index = 1; index < probabilities.length; index++)
    assert.ok(probabilities[index]! > probabilities[index - 1]!, `${days[index]} rises`);
  assert.equal(probabilities[0], 0.2);
  // 2026-12-10: 1 of 5 on-time days left → 0.2 / (0.2 + 0.8 · 0.2)
  assert.ok(Math.abs(probabilities[3]! - 0.2 / 0.36) < 1e-9);
  assert.equal(probabilities[4], 1);
});

test('the window drops the days already past and a late carrier date pulls the probability up halfway', () => {
  const forecast = forecastDelivery(model, 3, {
    promisedDate,
    today: '2026-12-08',
    reason: 'carrier_estimate',
    carrierEstimate: '2026-12-13',
  });
  assert.deepEqual(forecast.window, { earliest: '2026-12-08', latest: '2026-12-14' });
  assert.equal(forecast.estimatedDate, '2026-12-13');
  // time alone: 0.2 / (0.2 + 0.8 · 3/5) = 0.294; late share of 12-08..12-14 is 4/7
  assert.equal(forecast.lateProbability, Math.round(((0.2 / 0.68 + 4 / 7) / 2) * 1000) / 1000);
  assert.equal(forecast.carrierEstimate, '2026-12-13');
});

test('at risk at the threshold, only while the promised date has not passed', () => {
  const forecast = {
    ...model,
    lateProbability: 0.5,
    modelVersion: 1,
    reason: 'scan' as const,
    madeOn: '2026-12-10',
  };
  assert.equal(shouldWarnAtRisk(forecast, promisedDate, 0.5), true);
  assert.equal(shouldWarnAtRisk(forecast, promisedDate, 0.6), false);
  assert.equal(shouldWarnAtRisk({ ...forecast, madeOn: '2026-12-11' }, promisedDate, 0.5), false);
});
