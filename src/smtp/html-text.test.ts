import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { htmlText } from './html-text.js';

describe('htmlText', () => {
  test('strips tags without adding separators', () => {
    assert.equal(htmlText('<p><b>S</b>UCCESS</p>'), 'SUCCESS');
  });

  test('drops script and style content', () => {
    assert.equal(htmlText('<style>p { color: red }</style><p>shown</p><SCRIPT>var FAIL = 1;</SCRIPT>'), 'shown');
  });

  test('decodes entities and collapses whitespace', () => {
    assert.equal(htmlText('<div>\n  Backup &amp;\n\t restore&nbsp;OK  </div>'), 'Backup & restore OK');
  });

  test('keeps non-ASCII text', () => {
    assert.equal(htmlText('<p>Rezerves kopija: glāžšķūņu</p>'), 'Rezerves kopija: glāžšķūņu');
  });
});
