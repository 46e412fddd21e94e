import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { emailText } from './email-text.js';

const message = (lines: string[]) => Buffer.from(lines.join('\r\n'));

describe('emailText', () => {
  test('decodes an RFC 2047 subject', async () => {
    const text = await emailText(message(['Subject: =?US-ASCII?B?W1NVQ0NFU1NdIEJhY2t1cCBjb21wbGV0ZWQ=?=', '', 'hello world']));
    assert.deepEqual(text, { subject: '[SUCCESS] Backup completed', bodyText: 'hello world' });
  });

  test('joins the plain part and the text of the HTML part with a newline', async () => {
    const text = await emailText(
      message([
        'Subject: Report',
        'MIME-Version: 1.0',
        'Content-Type: multipart/alternative; boundary="b"',
        '',
        '--b',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'plain text',
        '--b',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<p><b>S</b>UCCESS</p><script>FAIL</script>',
        '--b--',
        '',
      ]),
    );
    assert.deepEqual(text, { subject: 'Report', bodyText: 'plain text\nSUCCESS' });
  });

  test('an HTML-only message is not converted twice', async () => {
    const text = await emailText(
      message([
        'Content-Type: text/html; charset=utf-8',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from('<i>glāžšķūņu</i>').toString('base64'),
      ]),
    );
    assert.deepEqual(text, { subject: '', bodyText: 'glāžšķūņu' });
  });
});
