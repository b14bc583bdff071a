import { at, lines, parse, show } from './helpers.js';

const IDENTITIES = lines(
  'Resources:',
  '  Role:',
  '    Type: AWS::IAM::Role',
  '    Properties:',
  '      RoleName: app',
  '      AssumeRolePolicyDocument:',
  '        Version: "2012-10-17"',
  '        Statement:',
  '          - Effect: Allow',
  '            Principal: {Service: lambda.amazonaws.com}',
  '            Action: sts:AssumeRole',
  '      Policies:',
  '        - PolicyName: inline',
  '          PolicyDocument:',
  '            Statement:',
  '              - {Effect: Allow, Action: "s3:GetObject", Resource: "*"}',
  '      ManagedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess, !Ref Managed]',
  '      PermissionsBoundary: !Ref Boundary',
  '  Boundary:',
  '    Type: AWS::IAM::ManagedPolicy',
  '    Properties:',
  '      ManagedPolicyName: boundary',
  '      PolicyDocument: {Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}',
  '  Managed:',
  '    Type: AWS::IAM::ManagedPolicy',
  '    Properties:',
  '      Roles: [!Ref Role]',
  '      Users: [alice]',
  '      Groups: [!Ref Devs]',
  '      PolicyDocument: {Statement: [{Effect: Allow, Action: "sqs:*", Resource: "*"}]}',
  '  Inline:',
  '    Type: AWS::IAM::Policy',
  '    Properties:',
  '      PolicyName: inline-standalone',
  '      Users: [!Ref Alice]',
  '      PolicyDocument: {Statement: [{Effect: Allow, Action: "ec2:*", Resource: "*"}]}',
  '  Alice:',
  '    Type: AWS::IAM::User',
  '    Properties:',
  '      UserName: alice',
  '      Groups: [!Ref Devs]',
  '      LoginProfile:',
  '        Password: Hunter2!Hunter2',
  '      Policies:',
  '        - PolicyName: own',
  '          PolicyDocument: {Statement: [{Effect: Allow, Action: "iam:ChangePassword", Resource: "*"}]}',
  '  Devs:',
  '    Type: AWS::IAM::Group',
  '    Properties:',
  '      GroupName: devs',
  '      ManagedPolicyArns: [arn:aws:iam::aws:policy/PowerUserAccess]',
  '  Join:',
  '    Type: AWS::IAM::UserToGroupAddition',
  '    Properties:',
  '      GroupName: !Ref Devs',
  '      Users: [!Ref Alice, bob]',
  '  Key:',
  '    Type: AWS::IAM::AccessKey',
  '    Properties:',
  '      UserName: !Ref Alice',
  '      Status: Active',
  '  Profile:',
  '    Type: AWS::IAM::InstanceProfile',
  '    Properties:',
  '      Roles: [!Ref Role]',
  '  Oidc:',
  '    Type: AWS::IAM::OIDCProvider',
  '    Properties:',
  '      Url: https://token.actions.githubusercontent.com',
  '      ClientIdList: [sts.amazonaws.com]',
  '  Mfa:',
  '    Type: AWS::IAM::VirtualMFADevice',
  '    Properties:',
  '      Users: [!Ref Alice]',
  '  RolePol:',
  '    Type: AWS::IAM::RolePolicy',
  '    Properties:',
  '      RoleName: !Ref Role',
  '      PolicyName: rp',
  '      PolicyDocument: {Statement: [{Effect: Allow, Action: "sns:*", Resource: "*"}]}',
  '  UserPol:',
  '    Type: AWS::IAM::UserPolicy',
  '    Properties:',
  '      UserName: alice',
  '      PolicyName: up',
  '      PolicyDocument: {Statement: [{Effect: Allow, Action: "sns:*", Resource: "*"}]}',
  '  GroupPol:',
  '    Type: AWS::IAM::GroupPolicy',
  '    Properties:',
  '      GroupName: devs',
  '      PolicyName: gp',
  '      PolicyDocument: {Statement: [{Effect: Allow, Action: "sns:*", Resource: "*"}]}',
);

describe('IAM identities and policies', () => {
  const model = parse(IDENTITIES);

  it('reads a role: name, trust, inline policies, managed policies, boundary', () => {
    const role = model.identities.find((i) => i.ref.address === 'Role');
    expect(role?.kind).toBe('role');
    expect(role?.ref).toEqual({ address: 'Role', type: 'AWS::IAM::Role', loc: at(2, 3, 18, 41) });
    expect(show(role?.name)).toBe('app');
    expect(role?.trust).toMatchObject({ kind: 'trust', path: ['Properties', 'AssumeRolePolicyDocument'], loc: at(7, 9, 11, 35) });
    expect(role?.inlinePolicies.map((d) => [d.kind, d.path.join('/'), show(d.name), d.loc])).toEqual([
      ['identity', 'Properties/Policies/0/PolicyDocument', 'inline', at(15, 13, 16, 71)],
    ]);
    expect(role?.inlinePolicies[0]?.statements[0]?.action?.attrLoc).toEqual(at(16, 33, 16, 55));
    expect(role?.managedPolicyArns.map(show)).toEqual(['arn:aws:iam::aws:policy/ReadOnlyAccess', '${Managed}']);
    expect(role?.permissionsBoundary).toMatchObject({ kind: 'unknown', ref: { address: 'Boundary' }, loc: at(18, 28, 18, 41) });
  });

  it('reads policies with the identities they name', () => {
    expect(model.policies.map((p) => [p.ref.address, p.kind, show(p.name), p.targets.map((t) => `${t.kind}:${show(t.value)}`), p.document?.path.join('/')])).toEqual([
      ['Boundary', 'managed', 'boundary', [], 'Properties/PolicyDocument'],
      ['Managed', 'managed', '<none>', ['role:${Role}', 'user:alice', 'group:${Devs}'], 'Properties/PolicyDocument'],
      ['Inline', 'inline', 'inline-standalone', ['user:${Alice}'], 'Properties/PolicyDocument'],
      ['RolePol', 'inline', 'rp', ['role:${Role}'], 'Properties/PolicyDocument'],
      ['UserPol', 'inline', 'up', ['user:alice'], 'Properties/PolicyDocument'],
      ['GroupPol', 'inline', 'gp', ['group:devs'], 'Properties/PolicyDocument'],
    ]);
    expect(model.policies[1]?.targets[0]?.loc).toEqual(at(27, 15, 27, 24));
  });

  it('reads users and groups', () => {
    const alice = model.identities.find((i) => i.ref.address === 'Alice');
    expect(show(alice?.name)).toBe('alice');
    expect(alice?.groups.map(show)).toEqual(['${Devs}']);
    expect(alice?.loginProfile).toEqual({ loc: at(42, 7, 43, 34) });
    expect(alice?.inlinePolicies).toHaveLength(1);
    const devs = model.identities.find((i) => i.ref.address === 'Devs');
    expect(devs?.kind).toBe('group');
    expect(devs?.managedPolicyArns.map(show)).toEqual(['arn:aws:iam::aws:policy/PowerUserAccess']);
  });

  it('reads memberships, access keys, instance profiles, OIDC providers and MFA devices', () => {
    expect(model.memberships.map((m) => [m.ref.address, show(m.user), show(m.group), m.loc.line])).toEqual([
      ['Join', '${Alice}', '${Devs}', 56],
      ['Join', 'bob', '${Devs}', 56],
    ]);
    expect(model.accessKeys.map((k) => [k.ref.address, show(k.user), show(k.status)])).toEqual([['Key', '${Alice}', 'Active']]);
    expect(model.instanceProfiles.map((p) => [p.ref.address, p.roles.map(show)])).toEqual([['Profile', ['${Role}']]]);
    expect(model.oidcProviders.map((p) => [show(p.url), p.clientIds.map(show)])).toEqual([['https://token.actions.githubusercontent.com', ['sts.amazonaws.com']]]);
    expect(model.mfaDevices.map((d) => d.users.map(show))).toEqual([['${Alice}']]);
  });

  it('puts every document in the model once', () => {
    expect(model.documents.map((d) => `${d.owner.address}#${d.path.join('/')}`)).toEqual([
      'Role#Properties/Policies/0/PolicyDocument',
      'Role#Properties/AssumeRolePolicyDocument',
      'Boundary#Properties/PolicyDocument',
      'Managed#Properties/PolicyDocument',
      'Inline#Properties/PolicyDocument',
      'Alice#Properties/Policies/0/PolicyDocument',
      'RolePol#Properties/PolicyDocument',
      'UserPol#Properties/PolicyDocument',
      'GroupPol#Properties/PolicyDocument',
    ]);
  });

  it('records a literal console password for credential scanning', () => {
    expect(model.textValues.map((t) => [t.owner.address, t.name, t.value, t.loc])).toEqual([
      ['Alice', 'Properties/LoginProfile/Password', 'Hunter2!Hunter2', at(43, 19, 43, 34)],
    ]);
  });
});

describe('resource policies', () => {
  const doc = '{Statement: [{Effect: Allow, Principal: "*", Action: "s3:GetObject", Resource: "*"}]}';
  const cases: [string, string][] = [
    ['AWS::S3::BucketPolicy', `Bucket: !Ref B\n      PolicyDocument: ${doc}`],
    ['AWS::SQS::QueuePolicy', `Queues: [q]\n      PolicyDocument: ${doc}`],
    ['AWS::SNS::TopicPolicy', `Topics: [t]\n      PolicyDocument: ${doc}`],
    ['AWS::KMS::Key', `KeyPolicy: ${doc}`],
    ['AWS::SecretsManager::ResourcePolicy', `SecretId: s\n      ResourcePolicy: ${doc}`],
    ['AWS::ECR::Repository', `RepositoryPolicyText: ${doc}`],
    ['AWS::ECR::RegistryPolicy', `PolicyText: ${doc}`],
    ['AWS::OpenSearchService::Domain', `AccessPolicies: ${doc}`],
    ['AWS::Elasticsearch::Domain', `AccessPolicies: ${doc}`],
    ['AWS::EFS::FileSystem', `FileSystemPolicy: ${doc}`],
    ['AWS::ApiGateway::RestApi', `Policy: ${doc}`],
    ['AWS::Backup::BackupVault', `AccessPolicy: ${doc}`],
    ['AWS::Events::EventBus', `Policy: ${doc}`],
    ['AWS::DynamoDB::Table', `ResourcePolicy:\n        PolicyDocument: ${doc}`],
    ['AWS::Lambda::Function', `Code: {ZipFile: x}`],
  ];
  for (const [type, props] of cases) {
    it(`${type}`, () => {
      const model = parse(lines('Resources:', '  B:', '    Type: AWS::S3::Bucket', '  R:', `    Type: ${type}`, '    Properties:', `      ${props}`));
      if (type === 'AWS::Lambda::Function') {
        expect(model.documents).toEqual([]);
        return;
      }
      expect(model.documents.map((d) => [d.kind, d.owner.address, d.owner.type, d.statements.length])).toEqual([['resource', 'R', type, 1]]);
    });
  }

  it('knows which bucket a bucket policy protects', () => {
    const model = parse(lines('Resources:', '  B:', '    Type: AWS::S3::Bucket', '  R:', '    Type: AWS::S3::BucketPolicy', '    Properties:', `      Bucket: !Ref B`, `      PolicyDocument: ${doc}`));
    expect(model.documents[0]?.consumers.map((c) => c.address)).toEqual(['B']);
  });

  it('parses a policy written as JSON text, with positions in the template', () => {
    const model = parse(
      lines(
        'Resources:',
        '  Logs:',
        '    Type: AWS::Logs::ResourcePolicy',
        '    Properties:',
        '      PolicyName: p',
        '      PolicyDocument: |',
        '        {',
        '          "Statement": [',
        '            {"Effect": "Allow", "Principal": {"Service": "es.amazonaws.com"}, "Action": "logs:*", "Resource": "*"}',
        '          ]',
        '        }',
        '  Quoted:',
        '    Type: AWS::Logs::ResourcePolicy',
        '    Properties:',
        '      PolicyName: q',
        '      PolicyDocument: "{\\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Action\\": \\"logs:*\\", \\"Resource\\": \\"*\\"}]}"',
        '  Built:',
        '    Type: AWS::Logs::ResourcePolicy',
        '    Properties:',
        '      PolicyName: r',
        '      PolicyDocument: !Sub \'{"Statement": [{"Effect": "Allow", "Action": "logs:PutLogEvents", "Resource": "arn:aws:logs:${AWS::Region}:*"}]}\'',
      ),
    );
    const [a, b, c] = model.documents;
    expect(a?.statements[0]?.action?.attrLoc).toEqual(at(9, 79, 9, 97));
    expect(a?.statements[0]?.principal?.entries.map((e) => show(e.value))).toEqual(['es.amazonaws.com']);
    const line16 = '      PolicyDocument: "{\\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Action\\": \\"logs:*\\", \\"Resource\\": \\"*\\"}]}"';
    const from = line16.indexOf('\\"Action');
    expect(b?.statements[0]?.action?.attrLoc).toEqual(at(16, from + 1, 16, line16.indexOf(', \\"Resource') + 1));
    expect(c?.statements[0]?.resource?.items.map(show)).toEqual(['arn:aws:logs:${AWS::Region}:*']);
    // Built from unknown parts: every value is located at the whole Fn::Sub.
    expect(c?.statements[0]?.loc).toEqual(at(21, 23, 21, 142));
  });

  it('reads both forms of an event bus policy', () => {
    const model = parse(
      lines(
        'Resources:',
        '  New:',
        '    Type: AWS::Events::EventBusPolicy',
        '    Properties:',
        '      StatementId: s',
        '      Statement: {Effect: Allow, Principal: "*", Action: "events:PutEvents", Resource: "*"}',
        '  Old:',
        '    Type: AWS::Events::EventBusPolicy',
        '    Properties:',
        '      StatementId: t',
        '      Action: events:PutEvents',
        '      Principal: "*"',
        '      Condition: {Type: StringEquals, Key: aws:PrincipalOrgID, Value: o-123}',
      ),
    );
    expect(model.documents.map((d) => [d.owner.address, show(d.statements[0]?.action?.items[0]), d.statements[0]?.principal?.entries.map((e) => `${e.type}=${show(e.value)}`), d.statements[0]?.conditions.map((c) => `${c.operator} ${c.key}`)])).toEqual([
      ['New', 'events:PutEvents', ['*=*'], []],
      ['Old', 'events:PutEvents', ['*=*'], ['StringEquals aws:PrincipalOrgID']],
    ]);
  });

  it('reads service control policies from AWS::Organizations::Policy', () => {
    const model = parse(lines('Resources:', '  Scp:', '    Type: AWS::Organizations::Policy', '    Properties:', '      Type: SERVICE_CONTROL_POLICY', `      Content: {Statement: [{Effect: Deny, Action: "*", Resource: "*"}]}`));
    expect(model.documents.map((d) => d.kind)).toEqual(['scp']);
  });
});

describe('grants, account controls, credentials', () => {
  const text = 
    lines(
      'Parameters:',
      '  AwsSecretAccessKey:',
      '    Type: String',
      '    NoEcho: true',
      '    Default: wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLE',
      'Resources:',
      '  Perm:',
      '    Type: AWS::Lambda::Permission',
      '    Properties:',
      '      FunctionName: f',
      '      Action: lambda:InvokeFunction',
      '      Principal: s3.amazonaws.com',
      '      SourceArn: arn:aws:s3:::b',
      '      SourceAccount: !Ref AWS::AccountId',
      '  Layer:',
      '    Type: AWS::Lambda::LayerVersionPermission',
      '    Properties:',
      '      Action: lambda:GetLayerVersion',
      '      LayerVersionArn: arn',
      '      Principal: "*"',
      '      OrganizationId: o-123',
      '  Url:',
      '    Type: AWS::Lambda::Url',
      '    Properties:',
      '      TargetFunctionArn: arn',
      '      AuthType: NONE',
      '  Trail:',
      '    Type: AWS::CloudTrail::Trail',
      '    Properties:',
      '      IsLogging: true',
      '      IsMultiRegionTrail: true',
      '      EnableLogFileValidation: false',
      '  Recorder:',
      '    Type: AWS::Config::ConfigurationRecorder',
      '    Properties:',
      '      RoleARN: arn',
      '      RecordingGroup: {AllSupported: true, IncludeGlobalResourceTypes: true}',
      '  Filter:',
      '    Type: AWS::Logs::MetricFilter',
      '    Properties:',
      '      LogGroupName: trail',
      '      FilterPattern: "{ ($.eventName = CreatePolicy) }"',
      '      MetricTransformations: [{MetricName: IamChanges, MetricNamespace: CIS, MetricValue: 1}]',
      '  Alarm:',
      '    Type: AWS::CloudWatch::Alarm',
      '    Properties:',
      '      MetricName: IamChanges',
      '      Namespace: CIS',
      '  Secret:',
      '    Type: AWS::SecretsManager::Secret',
      '  Rotation:',
      '    Type: AWS::SecretsManager::RotationSchedule',
      '    Properties:',
      '      SecretId: !Ref Secret',
      '  Analyzer:',
      '    Type: AWS::AccessAnalyzer::Analyzer',
      '    Properties:',
      '      Type: ACCOUNT',
      '  Fn:',
      '    Type: AWS::Lambda::Function',
      '    Properties:',
      '      Environment:',
      '        Variables:',
      '          AWS_ACCESS_KEY_ID: AKIAIOSFODNN7EXAMPLE',
      '          LEAK: !GetAtt Key.SecretAccessKey',
      '  Task:',
      '    Type: AWS::ECS::TaskDefinition',
      '    Properties:',
      '      ContainerDefinitions:',
      '        - Name: app',
      '          Environment: [{Name: TOKEN, Value: abc123}]',
      '  Vm:',
      '    Type: AWS::EC2::Instance',
      '    Properties:',
      '      UserData: !Base64 |',
      '        #!/bin/bash',
      '        export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE',
      '  Key:',
      '    Type: AWS::IAM::AccessKey',
      '    Properties:',
      '      UserName: bob',
      '  Param:',
      '    Type: AWS::SSM::Parameter',
      '    Properties:',
      '      Type: String',
      '      Value: !GetAtt Key.SecretAccessKey',
      'Outputs:',
      '  Secret:',
      '    Value: !GetAtt Key.SecretAccessKey',
      '  Plain:',
      '    Value: hello',
    );
  const model = parse(text);
  const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

  it('reads Lambda permissions and public function URLs', () => {
    expect(
      model.permissionGrants.map((g) => [g.ref.address, show(g.principal), show(g.action), show(g.sourceArn), show(g.sourceAccount), g.conditions.map((c) => `${c.key}=${show(c.value)}`), g.loc.line]),
    ).toEqual([
      ['Perm', 's3.amazonaws.com', 'lambda:InvokeFunction', 'arn:aws:s3:::b', '${AWS::AccountId}', [], 12],
      ['Layer', '*', 'lambda:GetLayerVersion', '<none>', '<none>', ['OrganizationId=o-123'], 20],
      ['Url', '*', 'lambda:InvokeFunctionUrl', '<none>', '<none>', ['FunctionUrlAuthType=NONE'], 26],
    ]);
  });

  it('reads account controls', () => {
    const a = model.account;
    expect(a.trails.map((t) => [t.ref.address, show(t.multiRegion), show(t.logFileValidation), t.kmsKey])).toEqual([['Trail', 'true', 'false', undefined]]);
    expect(a.configRecorders.map((r) => [show(r.allSupported), show(r.includeGlobalResourceTypes), r.resourceTypes])).toEqual([['true', 'true', []]]);
    expect(a.metricFilters.map((f) => [show(f.pattern), show(f.logGroup), show(f.metricName), show(f.metricNamespace)])).toEqual([
      ['{ ($.eventName = CreatePolicy) }', 'trail', 'IamChanges', 'CIS'],
    ]);
    expect(a.alarms.map((x) => [show(x.metricName), show(x.namespace)])).toEqual([['IamChanges', 'CIS']]);
    expect(a.secrets.map((s) => s.ref.address)).toEqual(['Secret']);
    expect(a.secretRotations.map((r) => show(r.secret))).toEqual(['${Secret}']);
    expect(a.analyzers.map((r) => r.address)).toEqual(['Analyzer']);
  });

  it('records literal settings: parameter defaults, environment, user data, outputs', () => {
    expect(model.textValues.map((t) => [t.owner.address, t.name, t.value.split('\n')[0], t.loc.line])).toEqual([
      ['Fn', 'Properties/Environment/Variables/AWS_ACCESS_KEY_ID', 'AKIAIOSFODNN7EXAMPLE', lineOf('AWS_ACCESS_KEY_ID: AKIA')],
      ['Task', 'Properties/ContainerDefinitions/0/Environment/TOKEN', 'abc123', lineOf('TOKEN')],
      ['Vm', 'Properties/UserData', '#!/bin/bash', lineOf('UserData')],
      ['AwsSecretAccessKey', 'Parameters/AwsSecretAccessKey/Default', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLE', 5],
      ['Plain', 'Outputs/Plain/Value', 'hello', lineOf('hello')],
    ]);
  });

  it('finds access key secrets leaving the stack', () => {
    expect(model.secretExposures.map((e) => [e.owner.address, e.key, e.via, e.loc.line])).toEqual([
      ['Fn', 'Key', 'environment', lineOf('LEAK')],
      ['Param', 'Key', 'ssm-parameter', lineOf('      Value: !GetAtt Key.SecretAccessKey')],
      ['Secret', 'Key', 'output', lineOf('Outputs:') + 2],
    ]);
  });
});
