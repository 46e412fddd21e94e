import assert from 'node:assert/strict';
import { test } from 'node:test';
import { badgeUrlsOf, checkBadgeUrl, projectBadgeUrl, pythonQuote, tagSegment } from './badge-urls.js';

const SECRET = 'test-secret-key-not-for-production';
const ROOT = 'https://hc.example.com';

test("quotes like Python's quote(safe=''), then once more for the path (spec §6.1)", () => {
  const cases: Array<[string, string, string]> = [
    ['foo', 'foo', 'foo'],
    ['db@dc1', 'db%40dc1', 'db%2540dc1'],
    ['a b', 'a%20b', 'a%2520b'],
    ['ü', '%C3%BC', '%25C3%25BC'],
    ["x!'()*y", 'x%21%27%28%29%2Ay', 'x%2521%2527%2528%2529%252Ay'],
    ['A-z_0.9~', 'A-z_0.9~', 'A-z_0.9~'],
    ['bar,baz/%', 'bar%2Cbaz%2F%25', 'bar%252Cbaz%252F%2525'],
  ];
  for (const [tag, once, twice] of cases) {
    assert.equal(pythonQuote(tag), once, tag);
    assert.equal(tagSegment(tag), twice, tag);
  }
});

test('builds tag and all-checks URLs with -2 for 2-state badges', () => {
  assert.equal(projectBadgeUrl(ROOT, SECRET, 'alice', 'foo', 'svg', 2), `${ROOT}/badge/alice/7VMnZXNR-2/foo.svg`);
  assert.equal(projectBadgeUrl(ROOT, SECRET, 'alice', 'foo', 'json', 3), `${ROOT}/badge/alice/7VMnZXNR/foo.json`);
  assert.equal(projectBadgeUrl(ROOT, SECRET, 'alice', 'db@dc1', 'svg', 2), `${ROOT}/badge/alice/VYDHHOjE-2/db%2540dc1.svg`);
  assert.equal(projectBadgeUrl(ROOT, SECRET, 'alice', '*', 'shields', 2), `${ROOT}/badge/alice/hIfcR85H-2.shields`);
  assert.equal(projectBadgeUrl(`${ROOT}/hc`, SECRET, 'alice', '*', 'svg', 3), `${ROOT}/hc/badge/alice/hIfcR85H.svg`);
});

test('lists the six variants of a tag in the API order', () => {
  const urls = badgeUrlsOf(ROOT, SECRET, 'alice', 'foo');
  assert.deepEqual(Object.keys(urls), ['svg', 'svg3', 'json', 'json3', 'shields', 'shields3']);
  assert.deepEqual(urls, {
    svg: `${ROOT}/badge/alice/7VMnZXNR-2/foo.svg`,
    svg3: `${ROOT}/badge/alice/7VMnZXNR/foo.svg`,
    json: `${ROOT}/badge/alice/7VMnZXNR-2/foo.json`,
    json3: `${ROOT}/badge/alice/7VMnZXNR/foo.json`,
    shields: `${ROOT}/badge/alice/7VMnZXNR-2/foo.shields`,
    shields3: `${ROOT}/badge/alice/7VMnZXNR/foo.shields`,
  });
});

test("a check's badge_url is the 2-state SVG under /b/", () => {
  const key = '869fe06a-a604-4140-b15a-118637c25f3e';
  assert.equal(checkBadgeUrl(ROOT, key), `${ROOT}/b/2/${key}.svg`);
  assert.equal(checkBadgeUrl(ROOT, key, 'json', 3), `${ROOT}/b/3/${key}.json`);
});
