import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createPredictionActivities } from '../../../src/prediction/activities';
import { recordDeliveredShipments } from '../../../src/prediction/history/history-store';
import { LatestModelPredictor } from '../../../src/prediction/latest-model-predictor';
import { newestModelVersion } from '../../../src/prediction/model-store';
import { retrainFromHistory } from '../../../src/prediction/retrain';
import { readScmsFile } from '../../../src/prediction/scms/read-scms-file';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { startTemporal } from '../../support/temporal';

const HEADER =
  'ID,Country,Fulfill Via,Vendor INCO Term,Shipment Mode,PO Sent to Vendor Date,Scheduled Delivery Date,Delivered to Client Date,Manufacturing Site,Weight (Kilograms)';

/** 60 rows on the Air lane to Côte d'Ivoire, each 0..4 days late, plus one unreadable row. */
function scmsCsv(): string {
  const rows = Array.from({ length: 60 }, (_, i) => {
    const day = (i % 28) + 1;
    return `${i + 1},Côte d'Ivoire,Direct Drop,EXW,Air,1/${day}/08,${day}-Mar-08,${day + (i % 5)}-Mar-08,"Plant A, India",See ASN-93 (ID#:1281)`;
  });
  return [HEADER, ...rows, '61,Vietnam,From RDC,N/A - From RDC,Truck,N/A,Pending,1-Mar-08,Plant B,3'].join(
    '\n',
  );
}

describe('delivery-date prediction on PostgreSQL and Temporal', () => {
  let database: TestDatabase;
  let env: TestWorkflowEnvironment;
  let csvFile: string;

  before(async () => {
    [database, env] = await Promise.all([createTestDatabase('ost_prediction'), startTemporal()]);
    csvFile = path.join(await mkdtemp(path.join(tmpdir(), 'scms-')), 'history.csv');
    await writeFile(csvFile, scmsCsv(), 'utf8');
  });
  after(async () => {
    await env?.teardown();
    await database?.drop();
  });

  it('imports the same file twice without duplicate rows', async () => {
    const scms = await readScmsFile(csvFile);
    assert.deepEqual(scms.skipped, { 'unreadable-scheduled-date': 1 });
    assert.equal(await recordDeliveredShipments(database.db, scms.records), 60);
    assert.equal(await recordDeliveredShipments(database.db, scms.records), 0);
    const count = await database.db.query<{ n: string }>('SELECT count(*) AS n FROM shipment_history');
    assert.equal(Number(count.rows[0]!.n), 60);
  });

  it('records a delivered shipment of the service once, however often it is retried', async () => {
    const { recordDeliveredShipment } = createPredictionActivities({ db: database.db });
    const shipment = {
      orderId: 'web:acme:1',
      shipmentNo: 1,
      carrier: 'ups',
      service: 'ground',
      destinationRegion: 'US',
      promisedDate: '2026-12-02',
      shippedAt: '2026-11-28T10:00:00Z',
      deliveredAt: '2026-12-03T15:00:00Z',
    };
    assert.deepEqual(await recordDeliveredShipment(shipment), { recorded: true });
    assert.deepEqual(await recordDeliveredShipment(shipment), { recorded: false });
    const row = await database.db.query<{ source: string; stage_timings: unknown }>(
      `SELECT source, stage_timings FROM shipment_history WHERE natural_key = 'order:web:acme:1:1'`,
    );
    assert.deepEqual(row.rows[0], { source: 'service', stage_timings: { shippedToDeliveredDays: 5 } });
  });

  it('trains, stores and serves the newest model without a restart', async () => {
    let clock = 0;
    const predictor = new LatestModelPredictor(database.db, { checkEveryMs: 1000, now: () => clock });
    const shipment = {
      carrier: 'Direct Drop',
      service: 'Air',
      deliveryTerms: 'EXW',
      originRegion: null,
      destinationRegion: "Côte d'Ivoire",
      promisedDate: '2009-05-10',
    };
    assert.equal(await predictor.predict(shipment), null);
    const first = await retrainFromHistory(database.db, { minLaneRows: 10 });
    clock += 1000;
    const answer = await predictor.predict(shipment);
    assert.equal(answer?.modelVersion, first.version);
    // The window learns from every training row on the lane: the 60 imported rows (the service's own
    // shipment went by UPS ground, another lane); the calibration slice only sets the window's share.
    assert.equal(answer?.prediction.explanation.laneRows, 60);
    assert.ok(
      first.calibration.calibrationRows > 0 && first.calibration.calibrationRows < first.trainingRows,
    );
    assert.ok(answer!.prediction.lateProbability > 0.5);

    const second = await retrainFromHistory(database.db, { minLaneRows: 10 });
    assert.equal(second.version, first.version + 1);
    assert.equal((await predictor.predict(shipment))?.modelVersion, first.version, 'not checked again yet');
    clock += 1000;
    assert.equal((await predictor.predict(shipment))?.modelVersion, second.version);
  });

  it('carries the adaptive levels to the next retrain, moved by the shipments delivered in between', async () => {
    const first = await retrainFromHistory(database.db, { minLaneRows: 10 }, '2008-03-01T06:00:00.000Z');
    assert.equal(first.adaptive?.revealedThrough, '2008-03-01');
    const second = await retrainFromHistory(database.db, { minLaneRows: 10 }, '2008-04-15T06:00:00.000Z');
    // Every imported row was delivered in March 2008; the service's own shipment is not delivered yet.
    assert.equal(second.adaptive?.revealed, 60);
    assert.equal(second.adaptive?.revealedThrough, '2008-04-15');
    assert.notDeepEqual(second.adaptive?.levels, first.adaptive?.levels);
  });

  it('retrains past a newest stored model of a format it cannot read, starting the levels afresh', async () => {
    await database.db.query(
      `INSERT INTO delivery_models (trained_at, training_rows, model) VALUES (now(), 1, $1)`,
      [JSON.stringify({ format: 'lane-residual-intervals/1' })],
    );
    const retrained = await retrainFromHistory(database.db, { minLaneRows: 10 }, '2008-05-01T06:00:00.000Z');
    assert.deepEqual(retrained.adaptive, {
      revealedThrough: '2008-05-01',
      levels: {},
      marginOffsets: {},
      revealed: 0,
      missed: 0,
    });
  });

  it('the retrain workflow on the order worker produces a new model version', async () => {
    const taskQueue = 'prediction-retrain-test';
    const before = await newestModelVersion(database.db);
    const worker = await Worker.create({
      connection: env.nativeConnection,
      dataConverter: env.client.options.dataConverter,
      taskQueue,
      workflowsPath: require.resolve('../../../src/prediction/workflows/retrain-delivery-model'),
      activities: createPredictionActivities({ db: database.db }),
    });
    const result = await worker.runUntil(
      env.client.workflow.execute('retrainDeliveryModel', { taskQueue, workflowId: `retrain-${Date.now()}` }),
    );
    assert.equal((result as { version: number }).version, before! + 1);
    assert.equal(await newestModelVersion(database.db), before! + 1);
  });
});
