import { matchesCloudFormation, parseCloudFormationFile } from '../../../parsers/cloudformation/index.js';
import { at, lines, parse } from './helpers.js';

const file = (rel: string, text: string) => parseCloudFormationFile({ abs: `/virtual/${rel}`, rel, text });

const JSON_ROLE = `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Role": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "Policies": [
          {
            "PolicyName": "p",
            "PolicyDocument": {
              "Statement": [
                { "Effect": "Allow", "Action": "s3:*", "Resource": "*", },
              ],
            },
          },
        ],
      },
    },
  },
}
`;

describe('recognizing templates', () => {
  it('claims YAML, JSON and .template files, not Terraform JSON', () => {
    expect(['a.yaml', 'a.yml', 'a.json', 'a.template', 'cdk.out/S.template.json'].every(matchesCloudFormation)).toBe(true);
    expect(['main.tf.json', 'x.tfvars.json', 'main.tf', 'a.ts'].some(matchesCloudFormation)).toBe(false);
  });

  it('takes a template by AWSTemplateFormatVersion or by a Resources map of AWS:: or Custom:: types', () => {
    expect(file('a.yaml', "AWSTemplateFormatVersion: '2010-09-09'\nDescription: empty\n")?.unit).toEqual({ kind: 'cloudformation', id: 'a.yaml', files: ['a.yaml'] });
    expect(file('b.yaml', 'Resources:\n  R:\n    Type: Custom::Thing\n')).not.toBeNull();
    expect(file('c.json', '{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}')).not.toBeNull();
    expect(file('d.template', '{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}')).not.toBeNull();
    expect(file('e.template', 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n')).not.toBeNull();
  });

  it('declines other YAML and JSON, so the policy format can try it', () => {
    expect(file('workflow.yaml', 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n')).toBeNull();
    expect(file('k8s.yaml', 'kind: Pod\nspec:\n  containers:\n    - resources: {}\n')).toBeNull();
    expect(file('policy.json', '{"Version": "2012-10-17", "Statement": []}')).toBeNull();
    expect(file('serverless.yml', 'service: x\nresources:\n  Resources:\n    B:\n      Type: AWS::S3::Bucket\n')).toBeNull();
    expect(file('broken.yaml', 'a: [\n')).toBeNull();
  });

  it('reports a broken file that is clearly a template', () => {
    const model = file('t.yaml', 'AWSTemplateFormatVersion: "2010-09-09"\nResources: [\n');
    expect(model?.parseProblems.length).toBe(1);
  });
});

describe('JSON templates', () => {
  it('tolerates trailing commas, notes them, and keeps exact positions', () => {
    const model = parse(JSON_ROLE, 'template.json');
    expect(model.parseProblems).toEqual([]);
    expect(model.notes.map((n) => [n.message, n.loc.line])).toEqual([
      ['trailing comma (not valid JSON; AWS rejects it)', 12],
      ['trailing comma (not valid JSON; AWS rejects it)', 12],
      ['trailing comma (not valid JSON; AWS rejects it)', 13],
      ['trailing comma (not valid JSON; AWS rejects it)', 14],
      ['trailing comma (not valid JSON; AWS rejects it)', 15],
      ['trailing comma (not valid JSON; AWS rejects it)', 16],
      ['trailing comma (not valid JSON; AWS rejects it)', 17],
      ['trailing comma (not valid JSON; AWS rejects it)', 18],
      ['trailing comma (not valid JSON; AWS rejects it)', 19],
    ]);
    const st = model.documents[0]?.statements[0];
    expect(st?.action?.attrLoc).toEqual(at(12, 38, 12, 54, 'template.json'));
    expect(model.documents[0]?.path).toEqual(['Properties', 'Policies', 0, 'PolicyDocument']);
  });

  it('reports duplicate keys, and the last one wins as in JSON.parse', () => {
    const model = parse('{"Resources": {"U": {"Type": "AWS::IAM::User", "Properties": {"UserName": "a", "UserName": "b"}}}}', 'template.json');
    expect(model.parseProblems).toEqual([{ message: "duplicate key 'UserName' (the last one is used)", loc: at(1, 80, 1, 90, 'template.json') }]);
    expect(model.identities[0]?.name).toMatchObject({ value: 'b' });
  });

  it('reports the first syntax error and lints what could be read', () => {
    const model = parse('{"Resources": {"U": {"Type": "AWS::IAM::User"} "V": 1}}', 'template.json');
    expect(model.parseProblems).toHaveLength(1);
    expect(model.identities.map((i) => i.ref.address)).toEqual(['U']);
  });
});

describe('robustness', () => {
  it('lints a template with 5,000 resources quickly', () => {
    const resources = Array.from({ length: 5000 }, (_, i) =>
      [
        `  Role${i}:`,
        '    Type: AWS::IAM::Role',
        '    Properties:',
        '      AssumeRolePolicyDocument:',
        '        Statement:',
        '          - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}',
        '      Policies:',
        `        - PolicyName: p${i}`,
        '          PolicyDocument:',
        '            Statement:',
        `              - {Effect: Allow, Action: [s3:GetObject], Resource: !Sub "arn:\${AWS::Partition}:s3:::b${i}/*"}`,
      ].join('\n'),
    );
    const start = Date.now();
    const model = parse(lines('Resources:', ...resources));
    expect(Date.now() - start).toBeLessThan(10_000);
    expect(model.identities).toHaveLength(5000);
    expect(model.documents).toHaveLength(10_000);
    expect(model.parseProblems).toEqual([]);
  });

  it('never throws on malformed sections', () => {
    const weird = [
      'Resources: 5\nAWSTemplateFormatVersion: x\n',
      'Resources:\n  R: 5\n  S:\n    Type: [a]\n  T:\n    Type: AWS::IAM::Role\n    Properties: 7\n',
      'Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      Policies: {a: 1}\n      AssumeRolePolicyDocument: [1, 2]\n      ManagedPolicyArns: !Ref\n',
      'Parameters: [1]\nMappings: 3\nOutputs: [x]\nResources:\n  P:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyDocument: !FindInMap [a]\n      Roles: !GetAtt\n',
      'Resources:\n  P:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyDocument:\n        Statement: !If [C]\n      Users: !Join [",", !Ref X]\n',
      'Resources:\n  L:\n    Type: AWS::Logs::ResourcePolicy\n    Properties:\n      PolicyDocument: "{not json"\n',
      '\u0000\u0001Resources',
    ];
    for (const text of weird) expect(() => file('t.yaml', text)).not.toThrow();
  });
});

describe('end to end', () => {
  it('gives checks the exact span of the attribute to fix, on the resource that declares the policy', async () => {
    const { lintSources } = await import('../../../src/engine/lint.js');
    const { ALL_CHECKS } = await import('../../../checks/index.js');
    const text = lines(
      'Resources:',
      '  Pol:',
      '    Type: AWS::IAM::Policy',
      '    Properties:',
      '      PolicyName: p',
      '      Roles: [r]',
      '      PolicyDocument:',
      '        Statement:',
      '          - Effect: Allow',
      '            Action:',
      '              - "s3:*"',
      '            Resource: !Ref AWS::NoValue',
      '          - Effect: Allow',
      '            Action: iam:PassRole',
      '            Resource: "*"',
    );
    const result = await lintSources([{ abs: '/virtual/t.yaml', rel: 't.yaml', text }], { root: '/virtual', checks: ALL_CHECKS });
    const pick = (rule: string) => result.findings.filter((f) => f.ruleId === rule).map((f) => [f.resource, f.line, f.column, f.endLine, f.endColumn]);
    expect(pick('wildcard-action')).toEqual([['Pol', 10, 13, 11, 23]]);
    expect(pick('pass-role-wildcard')).toEqual([['Pol', 14, 13, 15, 26]]);
  });
});

describe('suppressions in Metadata', () => {
  it('reads iamlint.ignore from the template and from resources (and the role SAM generates)', () => {
    const model = parse(
      lines(
        'Metadata:',
        '  iamlint:',
        '    ignore: [{rule: wildcard-action, reason: sandbox}]',
        'Resources:',
        '  Fn:',
        '    Type: AWS::Serverless::Function',
        '    Metadata:',
        '      iamlint:',
        '        ignore:',
        '          - rule: wildcard-resource',
        '            reason: log groups are created at run time',
        '            expires: 2026-12-31',
      ),
    );
    expect(model.suppressions?.map((s) => [s.rule, s.scope.resource, s.reason, s.expires, s.loc.line])).toEqual([
      ['wildcard-action', undefined, 'sandbox', undefined, 3],
      ['wildcard-resource', 'Fn', 'log groups are created at run time', '2026-12-31', 10],
      ['wildcard-resource', 'FnRole', 'log groups are created at run time', '2026-12-31', 10],
    ]);
  });
});
