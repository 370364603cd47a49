export { notifyCustomer } from './notify-customer';
export { redeliverNotification } from './redeliver-notification';
