import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { constantTimeEqual } from '../../../src/security/constant-time';

describe('constantTimeEqual', () => {
  it('accepts equal strings and equal buffers', () => {
    assert.equal(constantTimeEqual('s3cret-signature', 's3cret-signature'), true);
    assert.equal(constantTimeEqual(Buffer.from([1, 2, 3]), Buffer.from([1, 2, 3])), true);
    assert.equal(constantTimeEqual('abc', Buffer.from('abc')), true);
  });

  it('refuses a different value of the same length', () => {
    assert.equal(constantTimeEqual('s3cret-signature', 's3cret-signaturf'), false);
  });

  it('refuses values of different lengths without throwing', () => {
    assert.equal(constantTimeEqual('s3cret', 's3cret-and-more'), false);
    assert.equal(constantTimeEqual('s3cret', ''), false);
    assert.equal(constantTimeEqual(Buffer.alloc(0), Buffer.alloc(32)), false);
  });
});
