import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tagsList } from './tags.js';
import { uniqueKey } from './unique-key.js';

test('tags split on spaces only (spec item 192)', () => {
  assert.deepEqual(tagsList(' foo  bar '), ['foo', 'bar']);
  assert.deepEqual(tagsList(' '), []);
  assert.deepEqual(tagsList('bar,baz'), ['bar,baz']);
});

test('unique_key is SHA-1 of the first 16 hex digits of the UUID (spec §1.10)', () => {
  assert.equal(uniqueKey('31365bce-8da9-4729-8ff3-aaa71d56b712'), 'a6c7b0a8a66bed0df66abfdab3c77736861703ee');
});
