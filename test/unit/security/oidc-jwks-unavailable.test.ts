import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errors } from 'jose';
import { isJwksUnavailable } from '../../../src/security/oidc';

test('a JWKS fetch that timed out, failed on the network, was not 200 or not a key set: the provider is unavailable', () => {
  assert.equal(isJwksUnavailable(new errors.JWKSTimeout()), true);
  assert.equal(isJwksUnavailable(new TypeError('fetch failed')), true);
  assert.equal(
    isJwksUnavailable(new errors.JOSEError('Expected 200 OK from the JSON Web Key Set HTTP response')),
    true,
  );
  assert.equal(isJwksUnavailable(new errors.JWKSInvalid('JSON Web Key Set malformed')), true);
});

test('a verdict on the token itself is not an outage: bad signature, expired, wrong claims, unknown key, malformed', () => {
  assert.equal(isJwksUnavailable(new errors.JWSSignatureVerificationFailed()), false);
  assert.equal(isJwksUnavailable(new errors.JWTExpired('expired', {})), false);
  assert.equal(isJwksUnavailable(new errors.JWTClaimValidationFailed('aud', {})), false);
  assert.equal(isJwksUnavailable(new errors.JWKSNoMatchingKey()), false);
  assert.equal(isJwksUnavailable(new errors.JWSInvalid('bad')), false);
  assert.equal(isJwksUnavailable(new errors.JOSEAlgNotAllowed('none')), false);
});
