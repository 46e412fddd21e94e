import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asciiTable, htmlTable } from './report-text.js';
import { escapeHtml } from '../domain/escape-html.js';

test('ascii tables size columns to their widest line and underline the header with =', () => {
  const table = asciiTable([
    ['Status', 'Name', 'Dec. 2019'],
    ['DOWN', 'Nightly backup', '1 downtime,\n2 h 0 min total'],
    ['up', 'Foo', 'All good!'],
  ]);
  assert.equal(
    table,
    [
      '+--------+----------------+-----------------+',
      '| Status | Name           | Dec. 2019       |',
      '+========+================+=================+',
      '| DOWN   | Nightly backup | 1 downtime,     |',
      '|        |                | 2 h 0 min total |',
      '+--------+----------------+-----------------+',
      '| up     | Foo            | All good!       |',
      '+--------+----------------+-----------------+',
    ].join('\n'),
  );
});

test('HTML escaping covers the five special characters', () => {
  assert.equal(escapeHtml(`<b>"Tom" & 'Jerry'</b>`), '&lt;b&gt;&quot;Tom&quot; &amp; &#x27;Jerry&#x27;&lt;/b&gt;');
});

test('HTML tables escape their cells', () => {
  const html = htmlTable(['Name'], [['<script>alert(1)</script>']]);
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(!html.includes('<script>'));
});
