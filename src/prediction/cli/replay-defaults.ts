export const DEFAULT_LATE_THRESHOLD = 0.25;
/** Each test shipment is forecast this many days before its promised date in the replay. */
export const DEFAULT_HORIZON_DAYS = 30;
/** Days between retrains in the replay: the service retrains daily; weekly is staler and faster. */
export const DEFAULT_RETRAIN_EVERY_DAYS = 7;

/** The replay's forecast horizon and retrain interval from `--horizon` and `--retrain-every`. */
export function replaySchedule(options: Record<string, string>): {
  horizonDays: number;
  retrainEveryDays: number;
} {
  return {
    horizonDays: options.horizon ? Number(options.horizon) : DEFAULT_HORIZON_DAYS,
    retrainEveryDays: options['retrain-every']
      ? Number(options['retrain-every'])
      : DEFAULT_RETRAIN_EVERY_DAYS,
  };
}
