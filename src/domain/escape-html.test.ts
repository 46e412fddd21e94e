import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeHtml } from './escape-html.js';

test('escapes the five characters Django escapes, ampersands first', () => {
  assert.equal(escapeHtml(`Tom & Jerry's <db> "x"`), 'Tom &amp; Jerry&#x27;s &lt;db&gt; &quot;x&quot;');
  assert.equal(escapeHtml('&lt;'), '&amp;lt;');
});
