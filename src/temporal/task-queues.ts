export const NOTIFICATIONS_TASK_QUEUE = 'notifications';
