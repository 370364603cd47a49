import type { Router } from 'express';
import {
  createIntakeFlow,
  createIntakeRouter,
  type IntakeFlow,
  type IntakeOptions,
} from './http/intake-router';

/** What the API process mounts: the channel routes, and the flow `POST /orders` and ops use too. */
export function createIntake(options: IntakeOptions): { flow: IntakeFlow; router: Router } {
  const flow = createIntakeFlow(options);
  return { flow, router: createIntakeRouter({ flow }) };
}
