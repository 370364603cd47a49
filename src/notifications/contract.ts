// The shapes the order side and the notification service share live in the pure domain code.
export * from '../domain/order-notices';
