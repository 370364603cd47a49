import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Loaded by path (`failureConverterPath`) in clients, workers and workflow bundles: a failure's
 * message and stack trace travel as an encoded payload, so the payload codec encrypts them too (a
 * provider's error can quote a phone number or an email address). Histories written before decode
 * as they are.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
