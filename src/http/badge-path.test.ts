import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCheckBadgePath, parseProjectBadgePath, percentDecode } from './badge-path.js';

const KEY = '869fe06a-a604-4140-b15a-118637c25f3e';

test("decodes like Python's unquote: runs of %XX as UTF-8, malformed escapes kept", () => {
  const cases: Array<[string, string]> = [
    ['foo', 'foo'],
    ['db%40dc1', 'db@dc1'],
    ['db%2540dc1', 'db%40dc1'],
    ['%C3%BC', 'ü'],
    ['%zz%', '%zz%'],
    ['%FF', '\uFFFD'],
    ['a%2', 'a%2'],
  ];
  for (const [raw, decoded] of cases) assert.equal(percentDecode(raw), decoded, raw);
});

test('parses project and tag badge paths as the URL patterns match them', () => {
  const cases: Array<[string, ReturnType<typeof parseProjectBadgePath>]> = [
    ['alice/sig-2/foo.svg', { kind: 'project', badgeKey: 'alice', signature: 'sig-2', tag: 'foo', format: 'svg' }],
    ['alice/sig.json', { kind: 'project', badgeKey: 'alice', signature: 'sig', tag: '*', format: 'json' }],
    ['alice/sig/db%2540dc1.svg', { kind: 'project', badgeKey: 'alice', signature: 'sig', tag: 'db@dc1', format: 'svg' }],
    ['alice/sig/%25C3%25BC.svg', { kind: 'project', badgeKey: 'alice', signature: 'sig', tag: 'ü', format: 'svg' }],
    ['alice/sig/%C3%BC.svg', { kind: 'project', badgeKey: 'alice', signature: 'sig', tag: 'ü', format: 'svg' }],
    ['alice/sig/%252A.svg', { kind: 'project', badgeKey: 'alice', signature: 'sig', tag: '*', format: 'svg' }],
    ['alice/sig/v1.2.svg', { kind: 'project', badgeKey: 'alice', signature: 'sig', tag: 'v1.2', format: 'svg' }],
    ['alice/sig/foo.jsonfoo', { kind: 'project', badgeKey: 'alice', signature: 'sig', tag: 'foo', format: 'jsonfoo' }],
    ['alice/sig/db%40dc1.svg', null],
    ['alice/sig/foo%2Fbar.svg', null],
    ['alice/sig/foo', null],
    ['alice/sig/.svg', null],
    ['alice/sig/foo.', null],
    ['alice/sig', null],
    ['alice/si.g/foo.svg', null],
    ['', null],
  ];
  for (const [rest, parsed] of cases) assert.deepEqual(parseProjectBadgePath(rest), parsed, rest);
});

test('parses check badge paths: digits, a lowercase UUID, a slug format', () => {
  const cases: Array<[string, ReturnType<typeof parseCheckBadgePath>]> = [
    [`2/${KEY}.svg`, { kind: 'check', states: 2, badgeKey: KEY, format: 'svg' }],
    [`003/${KEY}.json`, { kind: 'check', states: 3, badgeKey: KEY, format: 'json' }],
    [`2/${KEY}.png`, { kind: 'check', states: 2, badgeKey: KEY, format: 'png' }],
    [`2/${KEY.toUpperCase()}.svg`, null],
    [`x/${KEY}.svg`, null],
    [`-3/${KEY}.svg`, null],
    [`2/${KEY}`, null],
    [`2/${KEY}.svg/`, null],
    ['2/abc.svg', null],
  ];
  for (const [rest, parsed] of cases) assert.deepEqual(parseCheckBadgePath(rest), parsed, rest);
});
