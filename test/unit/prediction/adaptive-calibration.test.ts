import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addDays } from '../../../src/prediction/history/shipment-history';
import {
  revealedBetween,
  trainAdaptiveModel,
  updateLevels,
} from '../../../src/prediction/model/adaptive-levels';
import { parseModel, serializeModel, type DeliveryModel } from '../../../src/prediction/model/delivery-model';
import type { TrainingExample } from '../../../src/prediction/model/lanes';
import { predictDelivery } from '../../../src/prediction/model/predict';
import { trainDeliveryModel } from '../../../src/prediction/model/train-model';
import { deliveredDate, replayForecasts } from '../../../src/prediction/evaluation/replay';

const lane = {
  carrier: 'rdc',
  service: 'truck',
  deliveryTerms: null,
  originRegion: null,
  destinationRegion: 'KE',
};

/** One row per day from `start`, with the given residuals. */
function rows(residuals: readonly number[], start: string, carrier = 'rdc'): TrainingExample[] {
  return residuals.map((residualDays, i) => ({
    ...lane,
    carrier,
    promisedDate: addDays(start, i),
    residualDays,
  }));
}

const small = { minLaneRows: 10, minGroupCalibrationRows: 20, windowHalfLifeYears: 0, lateHalfLifeYears: 0 };

describe('replaying the test period in time order', () => {
  // On time for a year, then a spell of deliveries up to 60 days early (known before their promise).
  const history = rows(Array(365).fill(0), '2020-01-01');
  const test = rows(
    Array.from({ length: 120 }, (_, i) => -(i % 61)),
    '2021-01-01',
  );

  it('trains each model only on outcomes delivered before it, never on the shipments it forecasts', () => {
    const seen: Array<{ asOf: string; known: readonly TrainingExample[] }> = [];
    const result = replayForecasts(history, test, {
      horizonDays: 30,
      retrainEveryDays: 7,
      train: (known, asOf) => {
        seen.push({ asOf, known });
        return trainDeliveryModel(known, asOf, small);
      },
    });
    assert.equal(result.actual.length, test.length);
    assert.equal(result.retrains, seen.length);
    let forecastIndex = 0;
    for (const [i, { asOf, known }] of seen.entries()) {
      if (i > 0) assert.ok(asOf > seen[i - 1]!.asOf, 'retrains run forward in time');
      for (const row of known) assert.ok(deliveredDate(row) < asOf, `${deliveredDate(row)} is after ${asOf}`);
      const next = seen[i + 1]?.asOf ?? '9999-12-31';
      while (forecastIndex < result.actual.length) {
        const shipment = result.actual[forecastIndex]!;
        const predictedOn = addDays(shipment.promisedDate, -30);
        if (predictedOn >= next) break;
        assert.ok(predictedOn >= asOf, 'forecast made after the model it used was trained');
        assert.ok(!known.includes(shipment), 'a shipment is never in the model that forecasts it');
        forecastIndex++;
      }
    }
    assert.equal(forecastIndex, result.actual.length);
    // Early deliveries do reach later models: the test period's own outcomes are used once known.
    assert.ok(seen.at(-1)!.known.some((row) => test.includes(row)));
  });

  it('gives the trainer the model it trained before', () => {
    const previous: Array<DeliveryModel | null> = [];
    const trained: DeliveryModel[] = [];
    replayForecasts(history, test, {
      horizonDays: 0,
      retrainEveryDays: 30,
      train: (known, asOf, before) => {
        previous.push(before);
        const model = trainDeliveryModel(known, asOf, small);
        trained.push(model);
        return model;
      },
    });
    assert.equal(previous[0], null);
    previous.slice(1).forEach((model, i) => assert.equal(model, trained[i]));
  });
});

describe('adaptive levels', () => {
  it('takes the outcomes delivered between two retrains in delivery order', () => {
    const known = [
      { ...lane, promisedDate: '2021-03-10', residualDays: -20 }, // delivered 02-18
      { ...lane, promisedDate: '2021-02-01', residualDays: 10 }, // delivered 02-11
      { ...lane, promisedDate: '2021-02-01', residualDays: 0 }, // delivered 02-01: before `since`
      { ...lane, promisedDate: '2021-03-01', residualDays: 0 }, // delivered on `asOf`: not yet known
    ];
    const revealed = revealedBetween(known, '2021-02-02', '2021-03-01');
    assert.deepEqual(revealed.map(deliveredDate), ['2021-02-11', '2021-02-18']);
  });

  it('lowers a group level by each miss and raises it a little by each hit', () => {
    const model = trainDeliveryModel(rows(Array(200).fill(0), '2020-01-01'), 't', small);
    const hit = { ...lane, promisedDate: '2021-01-10', residualDays: 0 };
    const miss = { ...lane, promisedDate: '2021-01-11', residualDays: -90 };
    const start = { levels: { rdc: 0.04 }, marginOffsets: {} };
    const steps = { level: 0.1, marginDays: 10, targetMiscoverage: 0.05 };
    const { levels, marginOffsets, missed } = updateLevels(model, [hit, miss, hit], start, steps);
    assert.equal(missed, 1);
    assert.ok(Math.abs(levels['rdc']! - (0.04 + 0.1 * 0.05 - 0.1 * 0.95 + 0.1 * 0.05)) < 1e-12);
    // The miss was early: the lower margin grows; a hit shrinks it by 10 × 0.025; the upper stays at 0.
    assert.ok(Math.abs(marginOffsets['rdc']!.lowerDays - (10 * 0.975 - 10 * 0.025)) < 1e-12);
    assert.equal(marginOffsets['rdc']!.upperDays, 0);
  });

  it('widens the next window after misses revealed since the last retrain, and only those', () => {
    const onTime = rows(Array(300).fill(0), '2020-01-01');
    const first = trainAdaptiveModel(onTime, '2020-11-01', null, 't1', small);
    assert.deepEqual(first.adaptive?.levels, {});
    // A spell of early deliveries, one of them very early, all known by 2021-01-01, and one outcome
    // not yet delivered then. Calibrated for 96 %, the slice may leave the very early one out.
    const spell = rows(
      Array.from({ length: 60 }, (_, i) => (i === 59 ? -60 : -10 - (i % 20))),
      '2020-11-15',
    );
    const future = { ...lane, promisedDate: '2021-01-05', residualDays: 0 };
    const known = [...onTime, ...spell];
    const second = trainAdaptiveModel([...known, future], '2021-01-01', first, 't2', small);
    const withoutFuture = trainAdaptiveModel(known, '2021-01-01', first, 't2', small);
    assert.deepEqual(second.adaptive, withoutFuture.adaptive, 'an outcome on or after asOf moves nothing');
    assert.equal(second.adaptive!.revealed, 60);
    assert.ok(second.adaptive!.missed > 0);
    assert.ok(second.adaptive!.levels['rdc']! < 0.04 - 0.01, JSON.stringify(second.adaptive));

    const plain = trainDeliveryModel(known, 't2', small);
    const shipment = { ...lane, promisedDate: '2021-02-01' };
    const widthOf = (model: DeliveryModel) => {
      const { earliest, latest } = predictDelivery(model, shipment).window;
      return Date.parse(latest) - Date.parse(earliest);
    };
    assert.ok(widthOf(second) > widthOf(plain), 'the adaptive window is wider than the plain one');
  });

  it('can calibrate on the outcomes delivered last instead of the latest promises', () => {
    // On time early in the year; then shipments promised for December all delivered in spring,
    // 250 days early; the outcomes delivered last are June promises, on time.
    const onTime = rows(Array(80).fill(0), '2020-01-01');
    const promisedLate = rows(Array(20).fill(-250), '2020-12-01');
    const deliveredLast = rows(Array(20).fill(0), '2020-06-01');
    const history = [...onTime, ...promisedLate, ...deliveredLast];
    const settings = { ...small, calibrationShare: 0.2, minGroupCalibrationRows: 10 };
    const byPromise = trainDeliveryModel(history, 't', settings);
    const byDelivery = trainDeliveryModel(history, 't', { ...settings, calibrationOrder: 'delivered' });
    // Calibrating on the December promises, fitted on rows all on time, the window misses them.
    assert.ok(byPromise.calibration.groups['rdc']!.coverageBefore! < 0.5);
    // The June outcomes, fitted on rows that include the spring ones, are covered.
    assert.equal(byDelivery.calibration.groups['rdc']!.coverageBefore, 1);
  });

  it('is off at step 0 and survives a round trip through JSON', () => {
    const history = rows(Array(100).fill(0), '2020-01-01');
    const off = trainAdaptiveModel(history, '2020-06-01', null, 't', { ...small, adaptiveStep: 0 });
    assert.equal(off.adaptive, undefined);
    const on = trainAdaptiveModel(history, '2020-06-01', null, 't', small);
    assert.deepEqual(parseModel(serializeModel(on)), on);
    const { adaptiveStep: _dropped, ...olderSettings } = off.settings;
    assert.equal(parseModel({ ...off, settings: olderSettings }).settings.adaptiveStep, 0);
  });
});
