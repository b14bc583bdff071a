import { parseLocatedYaml, SHORT_FORMS } from '../../../parsers/cloudformation/yaml.js';
import { repairFlowIndentation } from '../../../parsers/cloudformation/yaml-repair.js';
import type { Located } from '../../../src/model/located.js';
import { at, lines, parse } from './helpers.js';

/** The value as plain data, intrinsics in long form, for shape assertions. */
function plain(v: Located | undefined): unknown {
  if (!v) return undefined;
  switch (v.kind) {
    case 'object':
      return Object.fromEntries(v.entries.map((e) => [e.key, plain(e.value)]));
    case 'array':
      return v.items.map(plain);
    case 'scalar':
      return v.value;
    case 'unknown':
      return `<unknown ${v.text}>`;
    case 'template':
      return `<template>`;
  }
}

const get = (v: Located | undefined, ...path: (string | number)[]): Located | undefined => {
  let cur = v;
  for (const p of path) {
    if (cur?.kind === 'object') cur = cur.entries.find((e) => e.key === p)?.value;
    else if (cur?.kind === 'array' && typeof p === 'number') cur = cur.items[p];
    else return undefined;
  }
  return cur;
};

describe('YAML short-form intrinsics', () => {
  it('lowers every short form in scalar, sequence and mapping form to the long form', () => {
    const names = SHORT_FORMS.filter((n) => n !== 'GetAtt');
    const text = names.map((n) => `S${n}: !${n} x\nQ${n}: !${n} [a, b]\nM${n}: !${n} {k: v}`).join('\n');
    const r = parseLocatedYaml(text, 't.yaml');
    expect(r.errors).toEqual([]);
    expect(r.notes).toEqual([]);
    const long = (n: string) => (n === 'Ref' || n === 'Condition' ? n : `Fn::${n}`);
    for (const n of names) {
      expect(plain(get(r.value, `S${n}`))).toEqual({ [long(n)]: 'x' });
      expect(plain(get(r.value, `Q${n}`))).toEqual({ [long(n)]: ['a', 'b'] });
      expect(plain(get(r.value, `M${n}`))).toEqual({ [long(n)]: { k: 'v' } });
    }
  });

  it('splits !GetAtt A.B at the first dot and keeps the list form', () => {
    const r = parseLocatedYaml('A: !GetAtt Db.Endpoint.Address\nB: !GetAtt [Role, Arn]\n', 't.yaml');
    expect(plain(get(r.value, 'A'))).toEqual({ 'Fn::GetAtt': ['Db', 'Endpoint.Address'] });
    expect(plain(get(r.value, 'B'))).toEqual({ 'Fn::GetAtt': ['Role', 'Arn'] });
  });

  it('locates the intrinsic from its tag to the end of its value, the key at the tag', () => {
    const r = parseLocatedYaml('Value: !Sub "arn:${AWS::Partition}:s3:::b"\n', 't.yaml');
    const v = get(r.value, 'Value');
    expect(v?.loc).toEqual(at(1, 8, 1, 43, 't.yaml'));
    expect(v?.kind === 'object' && v.entries[0]?.keyLoc).toEqual(at(1, 8, 1, 12, 't.yaml'));
    expect(get(v, 'Fn::Sub')?.loc).toEqual(at(1, 13, 1, 43, 't.yaml'));
  });

  it('turns unknown tags into unknown values with a note instead of failing', () => {
    const r = parseLocatedYaml('A: !Rain::Module ../vpc.yml\nB: !ValueOf [P, Attr]\nC: ok\n', 't.yaml');
    expect(r.errors).toEqual([]);
    expect(get(r.value, 'A')?.kind).toBe('unknown');
    expect(get(r.value, 'B')?.kind).toBe('unknown');
    expect(get(r.value, 'C')).toMatchObject({ kind: 'scalar', value: 'ok' });
    expect(r.notes.map((n) => [n.message, n.loc.line, n.loc.column])).toEqual([
      ["unknown YAML tag '!Rain::Module' (not a CloudFormation intrinsic): its value is left unknown", 1, 4],
      ["unknown YAML tag '!ValueOf' (not a CloudFormation intrinsic): its value is left unknown", 2, 4],
    ]);
  });
});

describe('YAML scalars', () => {
  it('keeps the text of numbers that would not print back as written', () => {
    const r = parseLocatedYaml('A: 012345678901\nB: 123456789012\nC: 2012-10-17\nD: 1e3\nE: true\n', 't.yaml');
    expect(plain(r.value)).toEqual({ A: '012345678901', B: 123456789012, C: '2012-10-17', D: '1e3', E: true });
  });

  it('locates a key without a value just past its colon', () => {
    const r = parseLocatedYaml('A:\nB: 1\n', 't.yaml');
    expect(get(r.value, 'A')).toEqual({ kind: 'scalar', value: null, loc: at(1, 3, 1, 3, 't.yaml') });
  });

  it('trims trailing blank lines and comments from block collections', () => {
    const r = parseLocatedYaml('A:\n  - 1\n  - 2   # two\n\n  # trailing\nB: 1\n', 't.yaml');
    expect(get(r.value, 'A')?.loc).toEqual(at(2, 3, 3, 6, 't.yaml'));
  });
});

describe('YAML aliases', () => {
  it('expands an alias where it is used, with a note that CloudFormation rejects aliases', () => {
    const r = parseLocatedYaml('A: &x [s3:GetObject]\nB: *x\n', 't.yaml');
    expect(plain(get(r.value, 'B'))).toEqual(['s3:GetObject']);
    expect(get(r.value, 'B', 0)?.loc).toEqual(at(2, 4, 2, 6, 't.yaml'));
    expect(r.notes.map((n) => n.message)).toEqual(['YAML aliases are not allowed in CloudFormation templates (the service rejects them); expanded here']);
  });

  it('stops a billion-laughs expansion at the budget, quickly', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${prev}`).join(',')}]`);
    }
    const start = Date.now();
    const r = parseLocatedYaml(levels.join('\n') + '\n', 't.yaml');
    expect(Date.now() - start).toBeLessThan(3000);
    expect(r.errors.map((e) => e.message)).toEqual(['YAML aliases expand to more than 10000 values; the rest were left unknown']);
  });

  it('lints a template with 10,000 aliases without blowing up', () => {
    const text = lines(
      'Resources:',
      '  P:',
      '    Type: AWS::IAM::ManagedPolicy',
      '    Properties:',
      '      PolicyDocument:',
      '        Statement:',
      '          - &s {Effect: Allow, Action: "s3:GetObject", Resource: "*"}',
      ...Array.from({ length: 10_000 }, () => '          - *s'),
    );
    const start = Date.now();
    const model = parse(text);
    expect(Date.now() - start).toBeLessThan(5000);
    expect(model.documents).toHaveLength(1);
    // Each alias costs the nodes it expands to; the budget caps the total.
    expect(model.documents[0]?.statements.length).toBeGreaterThan(1000);
    expect(model.documents[0]?.statements.length).toBeLessThan(10_001);
    expect(model.parseProblems.map((p) => p.message)).toEqual(['YAML aliases expand to more than 10000 values; the rest were left unknown']);
  });
});

describe('broken YAML', () => {
  const role = (extra: string) =>
    lines(
      'Resources:',
      '  Role:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      extra,
      '      Policies:',
      '        - PolicyName: p',
      '          PolicyDocument:',
      '            Statement:',
      '              - Effect: Allow',
      '                Action: "*"',
      '                Resource: "*"',
    );

  it('reports a duplicate key with its location and still lints the template', () => {
    const model = parse(role('      RoleName: a\n      RoleName: b'));
    expect(model.parseProblems).toEqual([{ message: "duplicate key 'RoleName' (the last one is used)", loc: at(6, 7, 6, 15) }]);
    expect(model.documents).toHaveLength(1);
    expect(model.identities[0]?.name).toMatchObject({ kind: 'literal', value: 'b' });
  });

  it('reports a tab used as indentation and still lints the rest', () => {
    const model = parse(role('      RoleName: r') + '  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags:\n\t- Key: a\n');
    expect(model.parseProblems.map((p) => [p.message, p.loc.line, p.loc.column])).toEqual([['Tabs are not allowed as indentation', 17, 1]]);
    expect(model.documents).toHaveLength(1);
  });

  it('reports bad indentation once, at the first error', () => {
    const model = parse(role('      RoleName: a\n     Path: /'));
    expect(model.parseProblems).toHaveLength(1);
    expect(model.parseProblems[0]?.loc.line).toBe(6);
  });

  it('reports YAML nested too deep without overflowing the stack', () => {
    const text = 'Resources:\n  A: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n';
    const model = parse(text);
    expect(model.parseProblems.map((p) => p.message)).toEqual(['YAML nested deeper than 512 levels']);
  });

  it('survives deep block nesting', () => {
    let text = 'Resources:\n';
    for (let i = 1; i < 1500; i++) text += ' '.repeat(i) + `k${i}:\n`;
    const model = parse(text);
    // The library's own stack guard and this parser's depth limit, each reported, never thrown.
    expect(model.parseProblems.map((p) => p.message)).toEqual(['Maximum call stack size exceeded', 'YAML nested deeper than 512 levels']);
  });
});

describe('under-indented continuation lines (accepted by CloudFormation)', () => {
  const text = lines(
    'Resources:',
    '  Role:',
    '    Type: AWS::IAM::Role',
    '    Properties:',
    '      Policies:',
    '        - PolicyName: p',
    "          PolicyDocument: !Sub '{",
    '              "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]',
    "          }'",
    '        - PolicyName: q',
    '          PolicyDocument:',
    '            Statement: [{',
    '              "Effect": "Allow", "Action": "sqs:*", "Resource": "*"',
    '            }]',
  );

  it('are re-indented and parsed, with positions in the original text', () => {
    const model = parse(text);
    expect(model.parseProblems).toEqual([]);
    expect(model.notes.map((n) => [n.message, n.loc.line])).toEqual([
      ['a multi-line quoted value or flow collection is not indented past its key (CloudFormation accepts this; YAML does not)', 9],
    ]);
    const [first, second] = model.documents;
    const col = (line: number, needle: string) => (text.split('\n')[line - 1] as string).indexOf(needle) + 1;
    expect(first?.statements[0]?.action?.loc).toEqual(at(8, col(8, '"s3:*"'), 8, col(8, '"s3:*"') + 6));
    expect(second?.statements[0]?.action?.loc).toEqual(at(13, col(13, '"sqs:*"'), 13, col(13, '"sqs:*"') + 7));
  });

  it('leave apostrophes inside plain scalars alone', () => {
    expect(repairFlowIndentation("A: it's\nB: x\n")).toBeUndefined();
  });
});

describe('plain scalars typed as the YAML 1.2 core schema does', () => {
  it('gives null, booleans and numbers, and keeps identifiers that only look numeric as text', async () => {
    const { coreScalar } = await import('../../../parsers/cloudformation/yaml.js');
    expect(['', '~', 'null', 'NULL'].map(coreScalar)).toEqual([null, null, null, null]);
    expect(['true', 'True', 'FALSE', 'yes', 'on'].map(coreScalar)).toEqual([true, true, false, 'yes', 'on']);
    expect(['3600', '-5', '1.5'].map(coreScalar)).toEqual([3600, -5, 1.5]);
    // An account id with a leading zero, an exponent, hex, a version: text, as written.
    const asText = ['012345678901', '1e3', '0x1F', '0o17', '2012-10-17', '.inf', '1.0', '+5'];
    expect(asText.map(coreScalar)).toEqual(asText);
  });
});
