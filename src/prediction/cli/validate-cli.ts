import { adaptiveTrainer, retrainedTrainer, scoreReplay } from '../evaluation/replay-variants';
import type { ModelSettings } from '../model/delivery-model';
import { toTrainingExample } from '../model/training-examples';
import { readScmsFile } from '../scms/read-scms-file';
import { parseCliArgs, runCli } from './cli-args';
import { DEFAULT_LATE_THRESHOLD, replaySchedule } from './replay-defaults';

const USAGE =
  'usage: npm run predict:validate -- --train <csv> [--years 2010,2011] [--steps 0,0.005,0.01,0.02] [--horizon 30] [--retrain-every 7] [--calibration-order promised|delivered] [--margin-step <days>]';

const numbers = (text: string): number[] => text.split(',').map(Number);

/**
 * Chooses the adaptive step on the training file only: each validation year is replayed in time
 * order after the years before it, once per level step (0 and no margin step: retrained on the
 * schedule, nothing adaptive).
 */
async function main(): Promise<void> {
  const { options } = parseCliArgs(process.argv.slice(2));
  if (!options.train) throw new Error(USAGE);
  const schedule = replaySchedule(options);
  const order = options['calibration-order'];
  if (order !== undefined && order !== 'promised' && order !== 'delivered') throw new Error(USAGE);
  const settings: Partial<ModelSettings> = {
    ...(order ? { calibrationOrder: order } : {}),
    ...(options['margin-step'] ? { adaptiveMarginStepDays: Number(options['margin-step']) } : {}),
  };
  const examples = (await readScmsFile(options.train)).records.map(toTrainingExample);
  const yearOf = (promisedDate: string) => Number(promisedDate.slice(0, 4));
  for (const step of numbers(options.steps ?? '0,0.005,0.01,0.02')) {
    const adaptive = step > 0 || (settings.adaptiveMarginStepDays ?? 0) > 0;
    const trainer = adaptive
      ? adaptiveTrainer({ ...settings, adaptiveStep: step })
      : retrainedTrainer(settings);
    const years = numbers(options.years ?? '2010,2011').map((year) => {
      const history = examples.filter((example) => yearOf(example.promisedDate) < year);
      const validation = examples.filter((example) => yearOf(example.promisedDate) === year);
      const scores = scoreReplay(history, validation, schedule, trainer, DEFAULT_LATE_THRESHOLD);
      return { year, rows: validation.length, ...scores };
    });
    console.log(JSON.stringify({ step, ...schedule, years }));
  }
}

runCli(main);
