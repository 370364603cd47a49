import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseServiceForPromise, recommendRecovery } from '../../../src/domain/promise/delivery-recovery';
import { parseDeliveryRiskConfig } from '../../../src/domain/promise/delivery-risk-config';
import { deliveryRiskPolicyFor } from '../../../src/domain/promise/delivery-risk-policy';

const promisedDate = '2026-12-10';
const outlook = (
  service: string,
  estimatedDate: string,
  lateProbability: number,
  earliest: string,
  latest: string,
) => ({
  service,
  modelVersion: 2,
  estimatedDate,
  window: { earliest, latest },
  lateProbability,
});
const ground = outlook('UPS Ground', '2026-12-12', 0.7, '2026-12-08', '2026-12-16');
const twoDay = outlook('UPS 2nd Day Air', '2026-12-09', 0.3, '2026-12-07', '2026-12-11');
const nextDay = outlook('UPS Next Day Air', '2026-12-08', 0.1, '2026-12-07', '2026-12-09');

test('the requested service ships while it is predicted to meet the promise', () => {
  const choice = chooseServiceForPromise('UPS 2nd Day Air', [ground, twoDay, nextDay], promisedDate, 0.5);
  assert.equal(choice.service, 'UPS 2nd Day Air');
  assert.equal(choice.changed, false);
});

test('otherwise the first configured service that meets the promise, cheapest first', () => {
  const choice = chooseServiceForPromise('UPS Ground', [ground, twoDay, nextDay], promisedDate, 0.5);
  assert.deepEqual(
    [choice.service, choice.changed, choice.reason],
    ['UPS 2nd Day Air', true, 'predicted to meet the promise'],
  );
});

test('when none meets it, the least likely to be late if it beats the requested one', () => {
  const slow = [ground, { ...twoDay, estimatedDate: '2026-12-11', lateProbability: 0.6 }];
  assert.equal(chooseServiceForPromise('UPS Ground', slow, promisedDate, 0.5).service, 'UPS 2nd Day Air');
  assert.equal(chooseServiceForPromise('UPS Ground', [ground], promisedDate, 0.5).changed, false);
});

test('recovery: upgrade, reship and notify only, each with its predicted effect, best first', () => {
  const current = { ...ground, modelVersion: 2, reason: 'scan' as const, madeOn: '2026-12-07' };
  const actions = recommendRecovery({
    current,
    currentService: 'UPS Ground',
    promisedDate,
    shippedOn: '2026-12-05',
    today: '2026-12-07',
    outlooks: [ground, twoDay, nextDay],
  });
  assert.deepEqual(
    actions.map((action) => [action.action, action.service]),
    [
      ['upgrade_service', 'UPS Next Day Air'],
      ['reship', 'UPS Next Day Air'],
      ['notify_only', undefined],
    ],
  );
  const [upgrade, reship, notify] = actions;
  assert.equal(upgrade!.predicted.lateProbability, 0.1);
  assert.deepEqual(reship!.predicted.window, { earliest: '2026-12-09', latest: '2026-12-11' });
  assert.equal(reship!.predicted.estimatedDate, '2026-12-10');
  assert.ok(reship!.predicted.lateProbability > upgrade!.predicted.lateProbability);
  assert.equal(notify!.predicted.lateProbability, 0.7);
  assert.equal(notify!.lateProbabilityReduction, 0);
});

test('no upgrade or reship is offered when no service does better', () => {
  const current = { ...nextDay, modelVersion: 2, reason: 'scan' as const, madeOn: '2026-12-07' };
  const actions = recommendRecovery({
    current,
    currentService: 'UPS Next Day Air',
    promisedDate,
    shippedOn: '2026-12-07',
    today: '2026-12-07',
    outlooks: [ground, nextDay],
  });
  assert.deepEqual(
    actions.map((action) => action.action),
    ['notify_only'],
  );
});

test('policy: threshold 0.5 and the choice off by default; accounts override channels', () => {
  const config = parseDeliveryRiskConfig({
    channels: { shopify: { atRiskThreshold: 0.4 } },
    accounts: { 'shopify:acme': { chooseServiceByPrediction: true, services: { ups: ['UPS Ground'] } } },
  });
  assert.deepEqual(
    [
      deliveryRiskPolicyFor(config, 'web', 'x').atRiskThreshold,
      deliveryRiskPolicyFor(config, 'web', 'x').chooseServiceByPrediction,
    ],
    [0.5, false],
  );
  const acme = deliveryRiskPolicyFor(config, 'shopify', 'acme');
  assert.deepEqual(
    [acme.atRiskThreshold, acme.chooseServiceByPrediction, acme.services.ups],
    [0.4, true, ['UPS Ground']],
  );
  assert.ok(acme.services.fedex!.length > 0);
  assert.throws(() => parseDeliveryRiskConfig({ defaults: { atRiskThreshold: 1.5 } }));
});
