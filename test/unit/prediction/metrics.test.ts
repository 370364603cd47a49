import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { meanAbsolute, median, precisionRecall, rocAuc } from '../../../src/prediction/evaluation/metrics';
import { smallestMargins } from '../../../src/prediction/model/calibrate-window';
import { quantileOfSorted } from '../../../src/prediction/model/quantiles';

describe('evaluation metrics', () => {
  it('AUC of a tiny known case, with ties counting half', () => {
    // Pairs (positive, negative): 0.8>0.1, 0.8>0.4, 0.35>0.1, 0.35<0.4 → 3 of 4.
    assert.equal(rocAuc([0.1, 0.4, 0.35, 0.8], [false, false, true, true]), 0.75);
    assert.equal(rocAuc([0.5, 0.5], [true, false]), 0.5);
    assert.equal(rocAuc([0.9, 0.1], [true, false]), 1);
    assert.ok(Number.isNaN(rocAuc([0.2], [true])));
  });

  it('precision and recall at a threshold', () => {
    assert.deepEqual(precisionRecall([0.9, 0.6, 0.2, 0.7], [true, false, true, true], 0.6), {
      precision: 2 / 3,
      recall: 2 / 3,
      alerts: 3,
    });
    assert.equal(precisionRecall([0.1], [true], 0.5).precision, null);
  });

  it('median, mean absolute error and interpolated quantiles', () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(meanAbsolute([-2, 2, 5]), 3);
    assert.equal(quantileOfSorted([0, 10], 0.25), 2.5);
  });

  it('finds the smallest lower and upper margins that cover the target', () => {
    // 20 rows in [0, 0]; four late by 1..4 days, one early by 10. Of 25 rows, ⌈26·level⌉ must be covered.
    const windows = [
      ...Array.from({ length: 20 }, () => ({ lower: 0, upper: 0, actual: 0 })),
      ...[1, 2, 3, 4].map((actual) => ({ lower: 0, upper: 0, actual })),
      { lower: 0, upper: 0, actual: -10 },
    ];
    assert.equal(smallestMargins(windows, 0.99), null);
    assert.deepEqual(smallestMargins(windows, 0.95), { lowerMarginDays: 10, upperMarginDays: 4 });
    assert.deepEqual(smallestMargins(windows, 0.8), { lowerMarginDays: 0, upperMarginDays: 1 });
  });
});
