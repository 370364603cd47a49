import { auditedOperator, operator } from '../../../security/access';
import {
  correction,
  discardBody,
  listQuery as deadLetterListQuery,
  replayBody,
} from '../../ops/intake-dead-letters';
import { channelKeyRequest, channelParam, notForFulfillmentQuery } from '../../ops/intake';
import { profileOverrideSchema } from '../../../intake/profiles/profile';
import { pathText, type ApiOperation } from '../operation';

const TAG = 'Ops: intake';
const deadLetter = { id: pathText.meta({ description: 'The dead letter’s number.' }) };
const aDeadLetter = { id: '1' };
const deadLetterAction = {
  400: { description: 'The request or the dead letter ID is not valid.' },
  404: { description: 'No such dead letter.' },
  409: { description: 'The dead letter is no longer open.' },
} as const;
const profile = { channel: channelParam, accountId: pathText };
const aProfile = { channel: 'shopify', accountId: 'acme-shop' };

/** Dead letters of the intake: list by priority, inspect, correct, replay, discard. */
const DEAD_LETTER_OPERATIONS: ApiOperation[] = [
  {
    method: 'get',
    path: '/ops/intake/dead-letters',
    summary: 'List intake dead letters, most urgent first',
    tag: TAG,
    audience: 'ops',
    access: operator('intake:ops'),
    query: deadLetterListQuery,
    responses: { 200: { description: '`deadLetters`', content: 'json' }, 400: { description: 'Bad query.' } },
    example: { query: { status: 'open', channel: 'shopify', limit: '20' } },
  },
  {
    method: 'get',
    path: '/ops/intake/dead-letters/:id',
    summary: 'Inspect a dead letter: body as received and audit trail',
    tag: TAG,
    audience: 'ops',
    access: operator('intake:ops'),
    params: deadLetter,
    responses: { 200: { description: '`deadLetter`', content: 'json' }, ...deadLetterAction },
    example: { params: aDeadLetter },
  },
  {
    method: 'patch',
    path: '/ops/intake/dead-letters/:id',
    summary: 'Correct a dead letter’s body before replaying it',
    tag: TAG,
    audience: 'ops',
    access: operator('intake:ops'),
    params: deadLetter,
    body: { schema: correction },
    responses: { 200: { description: '`{ id, corrected: true }`', content: 'json' }, ...deadLetterAction },
    example: {
      params: aDeadLetter,
      body: { payload: { externalId: 'R-1001' }, reason: 'fixed the SKU' },
    },
  },
  {
    method: 'post',
    path: '/ops/intake/dead-letters/:id/replay',
    summary: 'Replay a dead letter through admission',
    description:
      'A letter whose body is still the one that passed verification replays without its signature; a letter ' +
      'that failed verification, or was corrected since, is verified again unless `acceptUnverified` is set, ' +
      'which only an admin may do and only with a `reason` (audited with the caller).',
    tag: TAG,
    audience: 'ops',
    access: operator('intake:ops'),
    params: deadLetter,
    body: { schema: replayBody, required: false },
    responses: {
      200: { description: 'Admitted; the dead letter is resolved.', content: 'json' },
      ...deadLetterAction,
      403: { description: '`acceptUnverified` without the admin scope.' },
      409: {
        description: 'The dead letter is no longer open, or kept only part of its body (`body_truncated`).',
      },
    },
    example: { params: aDeadLetter, body: { reason: 'SKU corrected' } },
  },
  {
    method: 'post',
    path: '/ops/intake/dead-letters/:id/discard',
    summary: 'Discard a dead letter, saying why',
    tag: TAG,
    audience: 'ops',
    access: operator('intake:ops'),
    params: deadLetter,
    body: { schema: discardBody },
    responses: { 200: { description: '`{ id, discarded: true }`', content: 'json' }, ...deadLetterAction },
    example: { params: aDeadLetter, body: { reason: 'test order from the storefront' } },
  },
];

/** API keys, validation profiles and channel health. */
const CHANNEL_SETTING_OPERATIONS: ApiOperation[] = [
  {
    method: 'post',
    path: '/ops/intake/channel-keys',
    summary: 'Issue an API key for a REST channel account (shown once)',
    tag: TAG,
    audience: 'ops',
    access: auditedOperator('channel-key.issue', 'admin'),
    body: { schema: channelKeyRequest },
    responses: { 201: { description: 'The key.', content: 'json' }, 400: { description: 'Bad account ID.' } },
    example: { body: { accountId: 'acme-rest' } },
  },
  {
    method: 'delete',
    path: '/ops/intake/channel-keys/:keyId',
    summary: 'Revoke an API key',
    tag: TAG,
    audience: 'ops',
    access: auditedOperator('channel-key.revoke', 'admin'),
    params: { keyId: pathText },
    responses: { 204: { description: 'Revoked (or never existed).' } },
    example: { params: { keyId: 'key-unknown' } },
  },
  {
    method: 'get',
    path: '/ops/intake/profiles/:channel/:accountId',
    summary: 'The validation profile a channel account’s orders are held to',
    tag: TAG,
    audience: 'ops',
    access: operator('intake:ops'),
    params: profile,
    responses: {
      200: { description: '`profile`', content: 'json' },
      400: { description: 'Unknown channel.' },
    },
    example: { params: aProfile },
  },
  {
    method: 'put',
    path: '/ops/intake/profiles/:channel/:accountId',
    summary: 'Override parts of a channel account’s validation profile',
    tag: TAG,
    audience: 'ops',
    access: auditedOperator('intake-profile.override', 'intake:ops'),
    params: profile,
    body: { schema: profileOverrideSchema },
    responses: {
      200: { description: 'The profile with the override.', content: 'json' },
      400: { description: 'Unknown channel or bad override.' },
    },
    example: { params: aProfile, body: { email: { onInvalid: 'drop' }, totals: { toleranceMinor: 5 } } },
  },
  {
    method: 'get',
    path: '/ops/intake/source-health',
    summary: 'Each channel account’s last deliveries, rejections and reconciliation',
    tag: TAG,
    audience: 'ops',
    access: operator('intake:ops'),
    responses: { 200: { description: '`sources`', content: 'json' } },
  },
  {
    method: 'get',
    path: '/ops/intake/not-for-fulfillment',
    summary: 'Orders a channel fulfils itself (marketplace-shipped), recorded but not started',
    tag: TAG,
    audience: 'ops',
    access: operator('intake:ops'),
    query: notForFulfillmentQuery,
    responses: { 200: { description: '`orders`', content: 'json' }, 400: { description: 'Bad query.' } },
    example: { query: { channel: 'amazon', limit: '20' } },
  },
];

export const OPS_INTAKE_OPERATIONS: ApiOperation[] = [
  ...DEAD_LETTER_OPERATIONS,
  ...CHANNEL_SETTING_OPERATIONS,
];
