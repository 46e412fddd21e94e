import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_FILTERS, type CheckFilters } from './check.js';
import { classifyPing, mentionsConfirmation, type PingSource } from './classify-ping.js';

const filters = (over: Partial<CheckFilters> = {}): CheckFilters => ({
  ...DEFAULT_FILTERS,
  ...over,
});
const http = (over: Partial<Extract<PingSource, { via: 'http' }>> = {}): PingSource => ({
  via: 'http',
  action: 'success',
  exitStatus: null,
  method: 'GET',
  body: new Uint8Array(),
  ...over,
});
const email = (subject: string, bodyText = ''): PingSource => ({ via: 'email', subject, bodyText });

test('classification precedence for HTTP pings (spec §3.5)', () => {
  const text = (s: string) => new TextEncoder().encode(s);
  const cases: Array<[string, Partial<CheckFilters>, PingSource, string]> = [
    ['endpoint action', {}, http({ action: 'start' }), 'start'],
    ['non-zero exit status fails', {}, http({ exitStatus: 3 }), 'fail'],
    ['zero exit status succeeds', {}, http({ exitStatus: 0 }), 'success'],
    ['methods=POST ignores GET', { methods: 'POST' }, http(), 'ign'],
    ['methods=POST accepts POST', { methods: 'POST' }, http({ method: 'POST' }), 'success'],
    ['method rule beats keywords', { methods: 'POST', filterHttpBody: true, filterDefaultFail: true }, http(), 'ign'],
    [
      'failure keyword beats success',
      { filterHttpBody: true, successKw: 'OK', failureKw: 'FAIL' },
      http({ body: text('OK FAIL') }),
      'fail',
    ],
    [
      'keywords replace the endpoint',
      { filterHttpBody: true, failureKw: 'boom' },
      http({ action: 'start', body: text('boom') }),
      'fail',
    ],
    ['no match ignored', { filterHttpBody: true, successKw: 'OK' }, http({ body: text('nope') }), 'ign'],
    [
      'no match with default fail',
      { filterHttpBody: true, successKw: 'OK', filterDefaultFail: true },
      http({ body: text('nope') }),
      'fail',
    ],
    ['keywords are case-sensitive', { filterHttpBody: true, successKw: 'OK' }, http({ body: text('ok') }), 'ign'],
    ['empty keyword items are skipped', { filterHttpBody: true, successKw: ' , ,OK' }, http({ body: text('x') }), 'ign'],
    ['email filters do not apply to HTTP', { filterSubject: true, filterDefaultFail: true, successKw: 'X' }, http(), 'success'],
  ];
  for (const [name, over, source, kind] of cases) assert.deepEqual(classifyPing(filters(over), source), { kind }, name);
});

test('invalid UTF-8 with body filters is an error, without them it does not matter', () => {
  const body = new Uint8Array([0x4f, 0x4b, 0xff]);
  assert.deepEqual(classifyPing(filters({ filterHttpBody: true, successKw: 'OK' }), http({ body })), { error: 'body_not_utf8' });
  assert.deepEqual(classifyPing(filters(), http({ body })), { kind: 'success' });
});

test('email pings: subject and body filters (spec §10, items 178–186)', () => {
  const cases: Array<[string, Partial<CheckFilters>, PingSource, string]> = [
    ['no filters: success', { filterHttpBody: true, failureKw: 'FAIL' }, email('[FAIL]'), 'success'],
    ['subject success', { filterSubject: true, successKw: 'SUCCESS' }, email('[SUCCESS] Backup completed'), 'success'],
    ['subject without keyword', { filterSubject: true, successKw: 'SUCCESS' }, email('hello'), 'ign'],
    ['subject failure', { filterSubject: true, failureKw: 'FAIL' }, email('[FAIL] Backup'), 'fail'],
    ['only failure keyword, success subject', { filterSubject: true, failureKw: 'FAIL' }, email('[SUCCESS] x'), 'ign'],
    ['keyword lists', { filterSubject: true, failureKw: 'FAIL, WARNING' }, email('[WARNING] x'), 'fail'],
    ['both keywords: fail wins', { filterSubject: true, successKw: 'SUCCESS', failureKw: 'FAIL' }, email('SUCCESS FAIL'), 'fail'],
    ['start keyword', { filterSubject: true, startKw: 'START' }, email('[START] Starting backup...'), 'start'],
    ['body filter ignores the subject', { filterBody: true, successKw: 'SUCCESS' }, email('SUCCESS', 'nothing'), 'ign'],
    ['body filter', { filterBody: true, successKw: 'SUCCESS' }, email('', 'all SUCCESS'), 'success'],
    ['default fail', { filterSubject: true, successKw: 'OK', filterDefaultFail: true }, email('nope'), 'fail'],
    ['non-ASCII keyword', { filterBody: true, failureKw: 'glāžšķūņu' }, email('', 'x glāžšķūņu y'), 'fail'],
  ];
  for (const [name, over, source, kind] of cases) assert.deepEqual(classifyPing(filters(over), source), { kind }, name);
});

test('confirmation links are spotted in any case', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  assert.equal(mentionsConfirmation(enc('Please Confirm ...')), true);
  assert.equal(mentionsConfirmation(enc('CONFIRMATION')), true);
  assert.equal(mentionsConfirmation(enc('hello')), false);
});
