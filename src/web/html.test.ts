import assert from 'node:assert/strict';
import { test } from 'node:test';
import { html, raw } from './html.js';

test('escapes interpolated text but not nested html', () => {
  const name = '<script>alert("x")</script>';
  const out = html`<p>${name}</p>${html`<b>${'&'}</b>`}${raw('<hr>')}`;
  assert.equal(out.value, '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p><b>&amp;</b><hr>');
});

test('renders lists, and skips null, undefined and false', () => {
  const items = ['a', 'b'].map((x) => html`<li>${x}</li>`);
  assert.equal(html`<ul>${items}</ul>${null}${undefined}${false}${0}`.value, '<ul><li>a</li><li>b</li></ul>0');
});
