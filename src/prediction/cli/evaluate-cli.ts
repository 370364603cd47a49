import { performance } from 'node:perf_hooks';
import { baselineForecasts, modelForecasts, scoreForecasts } from '../evaluation/evaluate-model';
import { adaptiveTrainer, retrainedTrainer, scoreReplay } from '../evaluation/replay-variants';
import { predictDelivery } from '../model/predict';
import { trainDeliveryModel } from '../model/train-model';
import { toTrainingExample } from '../model/training-examples';
import { readScmsFile } from '../scms/read-scms-file';
import { parseCliArgs, runCli } from './cli-args';
import { DEFAULT_LATE_THRESHOLD, replaySchedule } from './replay-defaults';

const USAGE =
  'usage: npm run predict:evaluate -- --train <csv> --test <csv> [--threshold 0.25] [--horizon 30] [--retrain-every 7]';

/** Mean time of one prediction over every test shipment, repeated until it has run long enough. */
function microsecondsPerPrediction(run: () => void, calls: number): number {
  let rounds = 0;
  const started = performance.now();
  while (performance.now() - started < 200) {
    run();
    rounds++;
  }
  return ((performance.now() - started) * 1000) / (rounds * calls);
}

async function main(): Promise<void> {
  const { options } = parseCliArgs(process.argv.slice(2));
  if (!options.train || !options.test) throw new Error(USAGE);
  const threshold = options.threshold ? Number(options.threshold) : DEFAULT_LATE_THRESHOLD;
  const schedule = replaySchedule(options);
  const [trainFile, testFile] = await Promise.all([readScmsFile(options.train), readScmsFile(options.test)]);
  const train = trainFile.records.map(toTrainingExample);
  const test = testFile.records.map(toTrainingExample);

  const trainStarted = performance.now();
  const model = trainDeliveryModel(train, new Date().toISOString());
  const trainMs = performance.now() - trainStarted;
  const predictMicros = microsecondsPerPrediction(
    () => test.forEach((s) => predictDelivery(model, s)),
    test.length,
  );

  const result = {
    train: { file: options.train, rows: trainFile.rows, used: train.length, skipped: trainFile.skipped },
    test: { file: options.test, rows: testFile.rows, used: test.length, skipped: testFile.skipped },
    lateThreshold: threshold,
    model: scoreForecasts(modelForecasts(model, test), test, threshold),
    baseline: scoreForecasts(baselineForecasts(train, test, model.settings.coverageTarget), test, threshold),
    replay: {
      ...schedule,
      retrained: scoreReplay(train, test, schedule, retrainedTrainer(), threshold),
      adaptive: scoreReplay(train, test, schedule, adaptiveTrainer(), threshold),
    },
    calibration: model.calibration,
    lanes: Object.keys(model.lanes).length,
    trainMs: Math.round(trainMs),
    predictMicrosecondsPerShipment: Number(predictMicros.toFixed(2)),
  };
  console.log(JSON.stringify(result));
}

runCli(main);
