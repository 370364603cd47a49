import type { OrderStatus } from './order-status';
import type { OrderEventType } from './order-events';

export const INVALID_TRANSITION = 'InvalidTransition';

/** A requested change the lifecycle table does not allow; says from where, to where and why. */
export class InvalidTransitionError extends Error {
  readonly type = INVALID_TRANSITION;

  constructor(
    readonly from: OrderStatus,
    readonly eventType: OrderEventType,
    readonly reason: string,
    readonly to?: OrderStatus,
  ) {
    super(`Cannot apply ${eventType} to an order that is ${from}: ${reason}`);
    this.name = 'InvalidTransitionError';
  }

  toDetails(): { from: OrderStatus; to?: OrderStatus; eventType: OrderEventType; reason: string } {
    return { from: this.from, to: this.to, eventType: this.eventType, reason: this.reason };
  }
}
