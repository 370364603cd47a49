export const ORDERS_TASK_QUEUE = 'orders';
export const NOTIFICATIONS_TASK_QUEUE = 'notifications';
