import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFieldBlocks, readBounce } from './bounce-dsn.js';
import { classifyStatus, truncateChars } from './record-bounce.js';

/** Healthchecks' test DSN (hc/api/tests/test_bounces.py), with a variable status and diagnostic. */
function dsn(toLocal: string, status: string, diagnosticCode = ''): Buffer {
  return Buffer.from(`Subject: Undelivered Mail Returned to Sender
To: ${toLocal}@example.org
Content-Type: multipart/report; report-type=delivery-status;
 boundary=e8ed4343d6876891e609b8b58c7e77c88887386efa98970174bb7a6c29a0

--e8ed4343d6876891e609b8b58c7e77c88887386efa98970174bb7a6c29a0
Content-Description: Notification
Content-Type: text/plain; charset="utf-8"


Hello.

--e8ed4343d6876891e609b8b58c7e77c88887386efa98970174bb7a6c29a0
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-Mta: dns; example.com

Status: ${status}
Action: failed
${diagnosticCode}

--e8ed4343d6876891e609b8b58c7e77c88887386efa98970174bb7a6c29a0
Content-Transfer-Encoding: 8bit
Content-Type: message/rfc822-headers
Content-Description: Undelivered message header

To: foo@example.com


--e8ed4343d6876891e609b8b58c7e77c88887386efa98970174bb7a6c29a0--
`);
}

test('reads the To local part, the recipient block status and the diagnostic without "smtp; "', async () => {
  const bounce = await readBounce(
    dsn('n.abc.5e1bc8a0.0123456789abcdef', '4.0.0', 'Diagnostic-Code: smtp; 451 4.0.0 No usable MXs'),
  );
  assert.deepEqual(bounce, {
    toLocal: 'n.abc.5e1bc8a0.0123456789abcdef',
    status: '4.0.0',
    diagnostic: '451 4.0.0 No usable MXs',
  });
});

test('a folded Diagnostic-Code is unfolded; a missing one is empty', async () => {
  const folded = await readBounce(dsn('x', '5.1.1', 'Diagnostic-Code: smtp; 550 5.1.1 <bob@example.com>:\n    user unknown'));
  assert.equal(folded.diagnostic, '550 5.1.1 <bob@example.com>:    user unknown');
  assert.equal((await readBounce(dsn('x', '5.0.0'))).diagnostic, '');
});

test('an email without delivery status has an empty status; a display-name To still yields the local part', async () => {
  const plain = await readBounce(Buffer.from('To: "Bounces" <r.1.abc.0123456789abcdef@example.org>\nSubject: hi\n\nhello\n'));
  assert.deepEqual(plain, { toLocal: 'r.1.abc.0123456789abcdef', status: '', diagnostic: '' });
});

test('field blocks: blank-line separated, case-insensitive names, first value wins', () => {
  assert.deepEqual(parseFieldBlocks('Reporting-MTA: dns; a\r\n\r\nSTATUS: 5.0.0\r\nAction: failed\r\nStatus: 4.0.0\r\n'), [
    new Map([['reporting-mta', 'dns; a']]),
    new Map([
      ['status', '5.0.0'],
      ['action', 'failed'],
    ]),
  ]);
});

test('status classes: 5.x.x permanent except 5.4.4, 4.x.x transient, others ignored', () => {
  assert.equal(classifyStatus('5.0.0'), 'permanent');
  assert.equal(classifyStatus('5.1.1'), 'permanent');
  assert.equal(classifyStatus('5.4.4'), 'transient');
  assert.equal(classifyStatus('4.0.0'), 'transient');
  assert.equal(classifyStatus('2.0.0'), null);
  assert.equal(classifyStatus(''), null);
});

test('truncation counts characters as Python does, not UTF-16 units', () => {
  assert.equal(truncateChars('a'.repeat(250), 200).length, 200);
  assert.equal(Array.from(truncateChars('😀'.repeat(250), 200)).length, 200);
  assert.equal(truncateChars('short', 200), 'short');
});
