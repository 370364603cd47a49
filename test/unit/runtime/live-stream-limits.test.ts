import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_LIVE_STREAM_LIMITS, liveStreamLimitsFromEnv } from '../../../src/runtime/live-streams';

test('live stream limits come from the environment, with defaults', () => {
  assert.deepEqual(liveStreamLimitsFromEnv({}), DEFAULT_LIVE_STREAM_LIMITS);
  assert.deepEqual(
    liveStreamLimitsFromEnv({
      LIVE_STREAMS_PER_ORDER: '3',
      LIVE_STREAMS_TOTAL: '50',
      LIVE_STREAMS_RETRY_AFTER_SECONDS: '5',
    }),
    { perSubject: 3, total: 50, retryAfterSeconds: 5 },
  );
});

test('a bad live stream limit stops the process at start, naming the variable', () => {
  for (const [name, value] of [
    ['LIVE_STREAMS_PER_ORDER', '0'],
    ['LIVE_STREAMS_TOTAL', 'many'],
    ['LIVE_STREAMS_RETRY_AFTER_SECONDS', '1.5'],
  ] as const)
    assert.throws(() => liveStreamLimitsFromEnv({ [name]: value }), new RegExp(name));
});
