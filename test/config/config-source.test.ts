/** The fast YAML-subset reader must agree with the `yaml` library on everything it accepts, and hand the rest over. */
import { parse as yamlParse } from 'yaml';
import { nodeAt, readStructured, SourceSyntaxError, toValue } from '../../src/engine/config-source.js';

const lines = (...ls: string[]): string => ls.join('\n') + '\n';

const SAMPLES: Record<string, string> = {
  'a typical config': lines(
    '# yaml-language-server: $schema=./node_modules/iamlint/schema/iamlint.schema.json',
    '---',
    'rules:',
    '  wildcard-resource: off',
    '  admin-access: critical   # stricter',
    '  trust-cross-account-no-external-id:',
    '    options:',
    "      trustedAccounts: ['111111111111', \"222222222222\"]",
    '  password-policy-weak: { severity: high, options: { minimumLength: 16 } }',
    'ignore:',
    '  - test/fixtures/**',
    '  - "legacy/*.json"',
    'failOn: high',
    'vars:',
    '  region: eu-west-1',
    '  count: 3',
    '  enabled: true',
    '  nothing: ~',
    '  empty:',
    '  ratio: 0.5',
    '  hex: 0x1F',
    "  quoted: 'it''s'",
    '  escaped: "tab\\there \\u00e9"',
    '  url: https://example.com/a#b',
    '  colons: aws:PrincipalOrgID',
    'suppressions:',
    '  forbid: []',
    '  maxExpiryDays: 90',
  ),
  'sequences of maps, compact and nested': lines(
    'match:',
    '  all:',
    '    - grantsAction: s3:DeleteBucket',
    '    - not:',
    '        hasCondition: aws:MultiFactorAuthPresent',
    '    - any:',
    '      - path: $.conditions[*].key',
    '        matches: [aws:*, "s3:x"]',
    '      - isWildcard: resource',
    'list:',
    '- a',
    '- - nested',
    '  - seq',
    '-',
    '- key: v',
    '  other: w',
  ),
  'plain scalars of every type': lines('a: yes', 'b: No', 'c: 012', 'd: 1e3', 'e: .inf', 'f: -.INF', 'g: 0o17', 'h: 2026-01-01', 'i: "#not a comment"', 'j: a # comment', 'k: TRUE', 'l: Null'),
  'flow collections': lines('a: [1, two, "three", [4], {five: 5}]', 'b: {x: 1, "y": [true, null], z: }', 'c: []', 'd: {}', 'e: [a, b, ]'),
  'JSON-like YAML': lines('{"rules": {"admin-access": "off"}, "failOn": "none"}'),
  // Handed to the yaml library:
  'anchors and aliases': lines('base: &b', '  x: 1', 'copy: *b'),
  'block scalars': lines('message: |', '  line one', '  line two', 'other: >-', '  folded', '  text'),
  'multi-line plain scalar': lines('description: a long', '  sentence that goes on'),
  'tags': lines('a: !!str 123'),
  'multi-line flow': lines('a: [1,', '  2]'),
};

describe('YAML subset reader', () => {
  for (const [name, text] of Object.entries(SAMPLES)) {
    it(`agrees with the yaml library: ${name}`, async () => {
      const mine = toValue((await readStructured(text, 'c.yml')).root);
      expect(mine).toEqual(yamlParse(text));
    });
  }

  it('keeps key and value positions', async () => {
    const text = SAMPLES['a typical config'] as string;
    const f = await readStructured(text, 'c.yml');
    const { node, entry } = nodeAt(f.root, ['rules', 'admin-access']);
    expect(f.lines.position(entry?.keyStart ?? -1)).toEqual({ line: 5, column: 3 });
    expect(f.lines.position(node?.start ?? -1)).toEqual({ line: 5, column: 17 });
    const item = nodeAt(f.root, ['rules', 'trust-cross-account-no-external-id', 'options', 'trustedAccounts', 1]).node;
    expect(f.lines.position(item?.start ?? -1)).toEqual({ line: 8, column: 41 });
    const flow = nodeAt(f.root, ['rules', 'password-policy-weak', 'options', 'minimumLength']).node;
    expect(f.lines.position(flow?.start ?? -1)).toEqual({ line: 9, column: 69 });
    const seqMap = await readStructured(SAMPLES['sequences of maps, compact and nested'] as string, 'r.yml');
    expect(seqMap.lines.position(nodeAt(seqMap.root, ['match', 'all', 1, 'not', 'hasCondition']).entry?.keyStart ?? -1)).toEqual({ line: 5, column: 9 });
  });

  it('positions from the yaml library too (fallback)', async () => {
    const f = await readStructured(SAMPLES['block scalars'] as string, 'c.yml');
    expect(f.lines.position(nodeAt(f.root, ['other']).entry?.keyStart ?? -1)).toEqual({ line: 4, column: 1 });
  });

  it('reports syntax errors with their offset (the yaml library messages): duplicate keys, bad indentation, unclosed quotes', async () => {
    const at = async (text: string): Promise<string> => {
      try {
        await readStructured(text, 'c.yml');
        return 'no error';
      } catch (e) {
        if (!(e instanceof SourceSyntaxError)) throw e;
        return `${e.offset}: ${e.message}`;
      }
    };
    expect(await at('a: 1\na: 2\n')).toBe('5: Map keys must be unique');
    expect(await at('a:\n  b: 1\n c: 2\n')).toMatch(/^\d+: /);
    expect(await at('a: "open\n')).toMatch(/^\d+: /);
    expect(await at('a: [1, 2\n')).toMatch(/^\d+: /);
  });

  it('an empty file is an empty document', async () => {
    expect((await readStructured('# only a comment\n', 'c.yml')).root).toBeUndefined();
  });
});

describe('JSON reader', () => {
  it('reads strict JSON with positions', async () => {
    const text = '{\n  "rules": { "admin-access": "off" },\n  "n": -1.5e2, "t": true, "z": null, "s": "a\\"b\\u00e9"\n}\n';
    const f = await readStructured(text, 'c.json');
    expect(toValue(f.root)).toEqual(JSON.parse(text));
    expect(f.lines.position(nodeAt(f.root, ['rules', 'admin-access']).node?.start ?? -1)).toEqual({ line: 2, column: 30 });
  });

  it('refuses what JSON does not allow', async () => {
    for (const bad of ['{"a": 1,}', '{"a": 1} x', "{'a': 1}", '{"a": 1, "a": 2}', '{a: 1}', '[1, 2']) {
      await expect(readStructured(bad, 'c.json')).rejects.toBeInstanceOf(SourceSyntaxError);
    }
  });

  it('does not let "__proto__" keys reach the object prototype', async () => {
    const v = toValue((await readStructured('{"__proto__": {"polluted": 1}}', 'c.json')).root) as Record<string, unknown>;
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.keys(v)).toEqual(['__proto__']);
  });
});
