import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { latin1CharRefs, percentEncode, pythonJson, replacePlaceholders, shellQuote, tagPlaceholders } from './placeholders.js';

const map = (entries: [string, string][]) => new Map(entries);

describe('replacePlaceholders', () => {
  const cases: { name: string; template: string; values: [string, string][]; expected: string }[] = [
    {
      name: 'replaces each placeholder',
      template: '$A is $B',
      values: [
        ['$A', 'aaa'],
        ['$B', 'bbb'],
      ],
      expected: 'aaa is bbb',
    },
    {
      name: 'never re-scans values (spec item 197)',
      template: '$A is $B',
      values: [
        ['$A', '$B'],
        ['$B', '$A'],
      ],
      expected: '$B is $A',
    },
    {
      name: 'ignores placeholders that only emerge after a substitution (spec item 197)',
      template: '$$AB',
      values: [
        ['$A', ''],
        ['$B', 'text'],
      ],
      expected: '$B',
    },
    {
      name: 'keeps dollars that start no placeholder (spec item 197)',
      template: '$3.50',
      values: [['$A', 'text']],
      expected: '$3.50',
    },
    {
      name: 'a check named $TAG1 stays literal (spec §9.5)',
      template: '$NAME/$TAG1',
      values: [
        ['$NAME', '$TAG1'],
        ['$TAG1', 'foo'],
      ],
      expected: '$TAG1/foo',
    },
    {
      name: '$$NAMETAG1 with an empty name gives $TAG1 (spec §9.5)',
      template: '$$NAMETAG1',
      values: [
        ['$NAME', ''],
        ['$TAG1', 'foo'],
      ],
      expected: '$TAG1',
    },
    {
      name: 'tries names in the given order: $NAME_JSON before $NAME',
      template: '$NAME_JSON $NAME',
      values: [
        ['$NAME_JSON', '"x"'],
        ['$NAME', 'x'],
      ],
      expected: '"x" x',
    },
    {
      name: 'with $NAME first, $NAME_JSON reads as $NAME followed by _JSON',
      template: '$NAME_JSON',
      values: [
        ['$NAME', 'x'],
        ['$NAME_JSON', '"x"'],
      ],
      expected: 'x_JSON',
    },
    {
      name: '$TAG10 is $TAG1 followed by 0 (spec §15 item 211)',
      template: '$TAG10 $TAG2',
      values: tagPlaceholders(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']),
      expected: 'a0 b',
    },
    {
      name: 'replaces a placeholder only at the start of its piece',
      template: 'x$AA$A',
      values: [['$A', '1']],
      expected: 'x1A1',
    },
    {
      name: 'leaves text without dollars alone',
      template: 'no placeholders',
      values: [['$A', '1']],
      expected: 'no placeholders',
    },
    { name: 'handles trailing and doubled dollars', template: '$$ $', values: [['$A', '1']], expected: '$$ $' },
    { name: 'an unknown placeholder stays', template: '$UNKNOWN $A', values: [['$A', '1']], expected: '$UNKNOWN 1' },
    {
      name: 'a value with $ signs is inserted verbatim',
      template: 'cost: $A',
      values: [['$A', '$& $1 $$']],
      expected: 'cost: $& $1 $$',
    },
  ];
  for (const c of cases) {
    test(c.name, () => assert.equal(replacePlaceholders(c.template, map(c.values)), c.expected));
  }
});

describe('shellQuote matches Python shlex.quote', () => {
  const cases: [string, string][] = [
    ['', "''"],
    ['simple', 'simple'],
    ['a-b_c.d/e:f,g=h+i@j%k', 'a-b_c.d/e:f,g=h+i@j%k'],
    ['two words', "'two words'"],
    ["it's", `'it'"'"'s'`],
    ['$(rm -rf /)', "'$(rm -rf /)'"],
    ['ümlaut', "'ümlaut'"],
    ['a;b', "'a;b'"],
  ];
  for (const [input, expected] of cases) test(JSON.stringify(input), () => assert.equal(shellQuote(input), expected));
});

describe('percentEncode matches Python urllib.parse.quote', () => {
  const cases: [string, string][] = [
    ['Hello World', 'Hello%20World'],
    ['$TAG1', '%24TAG1'],
    ['a/b', 'a/b'],
    ['a-b_c.d~e', 'a-b_c.d~e'],
    ["!'()*", '%21%27%28%29%2A'],
    ['bār', 'b%C4%81r'],
    ['2026-01-05T09:59:00+00:00', '2026-01-05T09%3A59%3A00%2B00%3A00'],
  ];
  for (const [input, expected] of cases) test(input, () => assert.equal(percentEncode(input), expected));
});

test('latin1CharRefs turns characters above U+00FF into decimal references (spec item 198)', () => {
  assert.equal(latin1CharRefs('bār'), 'b&#257;r');
  assert.equal(latin1CharRefs('½ ÿ'), '½ ÿ');
  assert.equal(latin1CharRefs('😀'), '&#128512;');
});

describe('pythonJson matches Python json.dumps', () => {
  const cases: [unknown, string][] = [
    ['Backup', '"Backup"'],
    ['say "hi"\\', '"say \\"hi\\"\\\\"'],
    ['line\nbreak\ttab\r\b\f', '"line\\nbreak\\ttab\\r\\b\\f"'],
    ['\u0001\u007f', '"\\u0001\\u007f"'],
    ['bār', '"b\\u0101r"'],
    ['😀', '"\\ud83d\\ude00"'],
    [
      { name: 'x', n: 1, ok: true, none: null, list: [1, 'a'] },
      '{"name": "x", "n": 1, "ok": true, "none": null, "list": [1, "a"]}',
    ],
    [{ 1: 'Backup' }, '{"1": "Backup"}'],
    [[], '[]'],
    [{}, '{}'],
  ];
  for (const [input, expected] of cases) test(expected, () => assert.equal(pythonJson(input), expected));
});
