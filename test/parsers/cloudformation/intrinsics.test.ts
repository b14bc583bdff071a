import { at, lines, parse, show } from './helpers.js';

/** A template whose one managed policy has one statement with the given Resource (and optional extra lines). */
function resourceOf(resource: string, head: string[] = []) {
  const model = parse(
    lines(
      ...head,
      'Resources:',
      '  Bucket:',
      '    Type: AWS::S3::Bucket',
      '  P:',
      '    Type: AWS::IAM::ManagedPolicy',
      '    Properties:',
      '      PolicyDocument:',
      '        Statement:',
      '          - Effect: Allow',
      '            Action: s3:GetObject',
      `            Resource: ${resource}`,
    ),
  );
  const items = model.documents[0]?.statements[0]?.resource?.items ?? [];
  return { model, items, shown: items.map(show) };
}

const PARAMS = [
  'Parameters:',
  '  Env:',
  '    Type: String',
  '    Default: prod',
  '  NoDefault:',
  '    Type: String',
  '  Buckets:',
  '    Type: CommaDelimitedList',
  '    Default: "a, b"',
  '  FromSsm:',
  "    Type: 'AWS::SSM::Parameter::Value<String>'",
  '    Default: /my/param',
  'Mappings:',
  '  Envs:',
  '    prod:',
  '      Bucket: prod-bucket',
  '      Arns: [arn:aws:s3:::x, arn:aws:s3:::y]',
];

describe('Ref', () => {
  it('uses a parameter default, located at the Ref', () => {
    const { items } = resourceOf('!Ref Env', PARAMS);
    expect(items).toEqual([{ kind: 'literal', value: 'prod', type: 'string', loc: at(28, 23, 28, 31) }]);
  });

  it('leaves a parameter without default unknown, remembering the parameter', () => {
    const { items } = resourceOf('!Ref NoDefault', PARAMS);
    expect(items[0]).toMatchObject({ kind: 'unknown', text: 'NoDefault', ref: { address: 'NoDefault' } });
  });

  it('splits a list parameter default, and never takes an SSM parameter name for its value', () => {
    expect(resourceOf('!Ref Buckets', PARAMS).shown).toEqual(['a', 'b']);
    expect(resourceOf('!Ref FromSsm', PARAMS).items[0]).toMatchObject({ kind: 'unknown', text: 'FromSsm' });
  });

  it('points at a resource', () => {
    expect(resourceOf('!Ref Bucket').items[0]).toMatchObject({ kind: 'unknown', text: 'Bucket', ref: { address: 'Bucket' } });
  });

  it('knows the pseudo parameters', () => {
    expect(resourceOf('[!Ref AWS::Partition, !Ref AWS::URLSuffix, !Ref AWS::AccountId, !Ref AWS::Region]').items).toMatchObject([
      { kind: 'literal', value: 'aws' },
      { kind: 'literal', value: 'amazonaws.com' },
      { kind: 'unknown', text: 'AWS::AccountId', hint: 'this-account' },
      { kind: 'unknown', text: 'AWS::Region' },
    ]);
  });

  it('removes a value that is AWS::NoValue', () => {
    expect(resourceOf('[arn:aws:s3:::a, !Ref AWS::NoValue]').shown).toEqual(['arn:aws:s3:::a']);
    const { model } = resourceOf('!Ref AWS::NoValue');
    expect(model.documents[0]?.statements[0]?.resource).toBeUndefined();
  });

  it('notes a Ref to something the template does not define', () => {
    const { model, items } = resourceOf('!Ref Nowhere');
    expect(items[0]).toMatchObject({ kind: 'unknown', text: 'Nowhere' });
    expect(model.notes.map((n) => n.message)).toEqual(["'Ref' to 'Nowhere', which the template does not define"]);
  });
});

describe('Fn::Sub', () => {
  it('resolves known parts and keeps unknown ones as parts that remember their target', () => {
    const { items } = resourceOf('!Sub "arn:${AWS::Partition}:s3:::${Env}-${Bucket}/${Bucket.Arn}/${AWS::AccountId}"', PARAMS);
    expect(items[0]).toMatchObject({
      kind: 'template',
      parts: [
        'arn:aws:s3:::prod-',
        { unknown: 'Bucket', ref: { address: 'Bucket' } },
        '/',
        { unknown: 'Bucket.Arn', ref: { address: 'Bucket', attribute: 'Arn' } },
        '/',
        { unknown: 'AWS::AccountId', hint: 'this-account' },
      ],
    });
  });

  it('is a literal when every part is known, keeps ${!Literal} and IAM policy variables', () => {
    expect(resourceOf('!Sub "arn:${AWS::Partition}:s3:::${!Literal}/${aws:username}/*"').items[0]).toMatchObject({
      kind: 'literal',
      value: 'arn:aws:s3:::${Literal}/${aws:username}/*',
    });
  });

  it('takes variables from the list form', () => {
    expect(resourceOf('!Sub ["arn:aws:s3:::${Name}/${Other}", {Name: !Ref Env, Other: !GetAtt Bucket.Arn}]', PARAMS).shown).toEqual([
      'arn:aws:s3:::prod/${Bucket.Arn}',
    ]);
  });
});

describe('other functions', () => {
  it('Fn::Join: a literal when all parts are known, else a template', () => {
    expect(resourceOf('!Join ["", ["arn:", !Ref AWS::Partition, ":s3:::b/*"]]').items[0]).toMatchObject({ kind: 'literal', value: 'arn:aws:s3:::b/*' });
    expect(resourceOf('!Join ["", ["arn:aws:s3:::", !Ref Bucket, "/*"]]').shown).toEqual(['arn:aws:s3:::${Bucket}/*']);
    expect(resourceOf('!Join [",", !Ref NoDefault]', PARAMS).items[0]?.kind).toBe('unknown');
  });

  it('Fn::FindInMap: the mapping value when the keys are known', () => {
    expect(resourceOf('!FindInMap [Envs, !Ref Env, Bucket]', PARAMS).items[0]).toMatchObject({ kind: 'literal', value: 'prod-bucket', loc: at(28, 23, 28, 58) });
    expect(resourceOf('!FindInMap [Envs, prod, Arns]', PARAMS).shown).toEqual(['arn:aws:s3:::x', 'arn:aws:s3:::y']);
    expect(resourceOf('!FindInMap [Envs, !Ref NoDefault, Bucket]', PARAMS).items[0]?.kind).toBe('unknown');
  });

  it('Fn::Select and Fn::Split where literal', () => {
    expect(resourceOf('!Select [1, [a, b, c]]').shown).toEqual(['b']);
    expect(resourceOf('!Select [1, !Split [",", "a,b,c"]]').shown).toEqual(['b']);
    expect(resourceOf('!Split [",", "a,b"]').shown).toEqual(['a', 'b']);
    expect(resourceOf('!Select [0, !GetAZs ""]').items[0]?.kind).toBe('unknown');
  });

  it('Fn::GetAtt remembers its resource and attribute', () => {
    expect(resourceOf('!GetAtt [Bucket, Arn]').items[0]).toMatchObject({ kind: 'unknown', text: 'Bucket.Arn', ref: { address: 'Bucket', attribute: 'Arn' } });
  });

  it('Fn::ImportValue and friends stay unknown', () => {
    expect(resourceOf('!ImportValue shared-bucket').items[0]).toMatchObject({ kind: 'unknown', text: 'ImportValue shared-bucket' });
    expect(resourceOf('!Base64 abc').shown).toEqual(['abc']);
    expect(resourceOf('!Cidr [10.0.0.0/16, 2, 8]').items[0]?.kind).toBe('unknown');
  });
});

describe('Fn::If', () => {
  const CONDITIONS = ['Conditions:', '  IsProd: !Equals [a, a]'];

  it('lints both branches of a statement and guards each with its condition', () => {
    const model = parse(
      lines(
        ...CONDITIONS,
        'Resources:',
        '  P:',
        '    Type: AWS::IAM::ManagedPolicy',
        '    Properties:',
        '      PolicyDocument:',
        '        Statement:',
        '          - !If',
        '            - IsProd',
        '            - {Effect: Allow, Action: "s3:GetObject", Resource: "*"}',
        '            - {Effect: Allow, Action: "s3:*", Resource: "*"}',
        '          - !If [IsProd, {Effect: Deny, Action: "*", Resource: "*"}, !Ref AWS::NoValue]',
        '          - {Effect: Allow, Action: "sqs:*", Resource: "*"}',
      ),
    );
    const sts = model.documents[0]?.statements ?? [];
    expect(sts.map((s) => [show(s.action?.items[0]), s.guard])).toEqual([
      ['s3:GetObject', 'IsProd'],
      ['s3:*', '!IsProd'],
      ['*', 'IsProd'],
      ['sqs:*', undefined],
    ]);
    expect(sts[1]?.loc).toEqual(at(12, 15, 12, 61));
  });

  it('keeps both values of a property under Fn::If, and both documents', () => {
    const model = parse(
      lines(
        ...CONDITIONS,
        'Resources:',
        '  P:',
        '    Type: AWS::IAM::ManagedPolicy',
        '    Properties:',
        '      PolicyDocument: !If',
        '        - IsProd',
        '        - Statement: [{Effect: Allow, Action: !If [IsProd, "s3:*", "s3:Get*"], Resource: "*"}]',
        '        - Statement: [{Effect: Allow, Action: "sqs:*", Resource: "*"}]',
      ),
    );
    expect(model.documents.map((d) => [d.path.join('/'), d.statements.map((s) => [s.action?.items.map(show), s.guard])])).toEqual([
      ['Properties/PolicyDocument/Fn::If/0', [[['s3:*', 's3:Get*'], 'IsProd']]],
      ['Properties/PolicyDocument/Fn::If/1', [[['sqs:*'], '!IsProd']]],
    ]);
  });

  it('guards the statements of a resource that has a Condition', () => {
    const model = parse(
      lines(
        ...CONDITIONS,
        'Resources:',
        '  P:',
        '    Type: AWS::IAM::ManagedPolicy',
        '    Condition: IsProd',
        '    Properties:',
        '      PolicyDocument:',
        '        Statement: [{Effect: Deny, Action: "*", Resource: "*"}]',
      ),
    );
    expect(model.documents[0]?.statements[0]?.guard).toBe('IsProd');
  });
});

describe('findings under Fn::If', () => {
  it('name the template condition of the branch they come from', async () => {
    const { lintSources } = await import('../../../src/engine/lint.js');
    const { ALL_CHECKS } = await import('../../../checks/index.js');
    const text = [
      'Conditions:',
      '  IsProd: !Equals [!Ref Env, prod]',
      'Parameters:',
      '  Env:',
      '    Type: String',
      'Resources:',
      '  P:',
      '    Type: AWS::IAM::ManagedPolicy',
      '    Properties:',
      '      PolicyDocument:',
      '        Version: "2012-10-17"',
      '        Statement:',
      '          - !If',
      '            - IsProd',
      '            - { Effect: Allow, Action: "s3:*", Resource: "arn:aws:s3:::b/*" }',
      '            - { Effect: Allow, Action: "iam:*", Resource: "arn:aws:iam::*:role/x" }',
    ].join('\n');
    const { findings } = await lintSources([{ abs: '/v/t.yaml', rel: 't.yaml', text }], { root: '/v', checks: ALL_CHECKS });
    const wildcard = findings.filter((f) => f.ruleId === 'wildcard-action').map((f) => [f.line, f.message.replace(/^.*\((when [^)]*)\)$/, '$1')]);
    expect(wildcard).toEqual([
      [15, 'when condition "IsProd" is true'],
      [16, 'when condition "IsProd" is false'],
    ]);
  });
});
