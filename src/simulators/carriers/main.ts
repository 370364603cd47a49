import { startCarrierSimulator } from './carrier-simulator';
import { simulatorOptionsFromEnv } from './config';

/** Runs the carrier simulator on its own: `tsx src/simulators/carriers/main.ts`. */
async function main(): Promise<void> {
  const simulator = await startCarrierSimulator(simulatorOptionsFromEnv(process.env));
  console.log(`carrier simulator listening on ${simulator.url}`);
  const stop = () => {
    simulator.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
