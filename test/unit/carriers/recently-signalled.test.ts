import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RecentlySignalled } from '../../../src/carriers/events/recently-signalled';

test('remembers signalled events per order and forgets the oldest beyond its capacity', () => {
  const recent = new RecentlySignalled(3);
  recent.add('o1', 'e1');
  recent.add('o1', 'e2');
  recent.add('o2', 'e1');
  assert.ok(recent.has('o1', 'e1') && recent.has('o2', 'e1'));
  assert.ok(!recent.has('o2', 'e2'));
  recent.add('o1', 'e1'); // touched again: now the newest
  recent.add('o3', 'e9');
  assert.ok(!recent.has('o1', 'e2'), 'the oldest entry was evicted');
  assert.ok(recent.has('o1', 'e1') && recent.has('o3', 'e9'));
});
