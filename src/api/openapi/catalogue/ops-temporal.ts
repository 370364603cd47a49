import { operator } from '../../../security/access';
import { codecRequestSchema, TEMPORAL_CODEC_PATH } from '../../ops/temporal-codec';
import type { ApiOperation } from '../operation';

const namespaceHeader = {
  'x-namespace': { description: 'The Temporal namespace the payloads belong to (the Temporal UI sends it).' },
};
/** `"order"` as a json/plain payload: decoding passes it through, encoding encrypts it. */
const example = {
  headers: { 'x-namespace': 'default' },
  body: { payloads: [{ metadata: { encoding: 'anNvbi9wbGFpbg==' }, data: 'Im9yZGVyIg==' }] },
};

/** The Temporal remote codec protocol, for the Temporal UI and the Temporal CLI. */
export const OPS_TEMPORAL_OPERATIONS: ApiOperation[] = [
  {
    method: 'post',
    path: `${TEMPORAL_CODEC_PATH}/decode`,
    summary: 'Decrypt Temporal payloads for the Temporal UI (remote codec protocol)',
    description:
      'Metadata values and data in base64, as the Temporal UI sends them. Payloads that are not encrypted come back unchanged. CORS is answered for the origins in TEMPORAL_CODEC_CORS_ORIGINS.',
    tag: 'Ops: Temporal',
    audience: 'ops',
    access: operator('orders:read'),
    headers: namespaceHeader,
    body: { schema: codecRequestSchema },
    responses: {
      200: { description: '`payloads`, in the order sent', content: 'json' },
      400: { description: 'Not the codec protocol’s body, or another namespace.' },
      422: { description: 'A payload cannot be decrypted (unknown key ID, altered); `errors` names it.' },
    },
    example,
  },
  {
    method: 'post',
    path: `${TEMPORAL_CODEC_PATH}/encode`,
    summary: 'Encrypt Temporal payloads for the Temporal UI (remote codec protocol)',
    description: 'What the UI sends to a workflow (a signal, a start) is encrypted with the active key.',
    tag: 'Ops: Temporal',
    audience: 'ops',
    access: operator('orders:write'),
    headers: namespaceHeader,
    body: { schema: codecRequestSchema },
    responses: {
      200: { description: '`payloads`, encrypted, in the order sent', content: 'json' },
      400: { description: 'Not the codec protocol’s body, or another namespace.' },
    },
    example,
  },
];
