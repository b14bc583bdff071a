/** AWS resource types -> the IAM model, with addresses and locations. */
import { attachedPolicyArns, documentsOf, findIdentity, groupsOf } from '../../../src/model/relations.js';
import { at, model, show } from './helpers.js';

const IAM = `
resource "aws_iam_role" "r" {
  name                 = "app"
  assume_role_policy   = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }] })
  managed_policy_arns  = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
  permissions_boundary = aws_iam_policy.boundary.arn
  inline_policy {
    name   = "inline"
    policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })
  }
}
resource "aws_iam_user" "u" {
  name = "alice"
}
resource "aws_iam_group" "g" {
  name = "devs"
}
resource "aws_iam_policy" "boundary" {
  name   = "boundary"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
resource "aws_iam_role_policy" "rp" {
  role   = aws_iam_role.r.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sqs:*", Resource = "*" }] })
}
resource "aws_iam_user_policy" "up" {
  user   = aws_iam_user.u.name
  name   = "user-inline"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sns:*", Resource = "*" }] })
}
resource "aws_iam_group_policy" "gp" {
  group  = "devs"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "ec2:*", Resource = "*" }] })
}
resource "aws_iam_role_policy_attachment" "ra" {
  role       = aws_iam_role.r.name
  policy_arn = aws_iam_policy.boundary.arn
}
resource "aws_iam_user_policy_attachment" "ua" {
  user       = "alice"
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
resource "aws_iam_group_policy_attachment" "ga" {
  group      = aws_iam_group.g.name
  policy_arn = "arn:aws:iam::aws:policy/PowerUserAccess"
}
resource "aws_iam_policy_attachment" "pa" {
  name       = "pa"
  users      = [aws_iam_user.u.name]
  roles      = ["app"]
  policy_arn = aws_iam_policy.boundary.arn
}
resource "aws_iam_user_group_membership" "m1" {
  user   = aws_iam_user.u.name
  groups = [aws_iam_group.g.name, "other"]
}
resource "aws_iam_group_membership" "m2" {
  name  = "m2"
  group = aws_iam_group.g.name
  users = ["bob"]
}
resource "aws_iam_access_key" "k" {
  user   = aws_iam_user.u.name
  status = "Active"
}
resource "aws_iam_user_login_profile" "lp" {
  user = aws_iam_user.u.name
}
resource "aws_iam_virtual_mfa_device" "mfa" {
  virtual_mfa_device_name = "alice"
}
resource "aws_iam_openid_connect_provider" "gh" {
  url            = "https://token.actions.githubusercontent.com"
  client_id_list = ["sts.amazonaws.com"]
}
resource "aws_iam_account_password_policy" "pw" {
  minimum_password_length      = 8
  require_symbols              = true
  max_password_age             = 90
  password_reuse_prevention    = 5
}
resource "aws_ssoadmin_managed_policy_attachment" "sso" {
  instance_arn       = "arn:aws:sso:::instance/x"
  managed_policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
  permission_set_arn = aws_ssoadmin_permission_set.ps.arn
}
`;

describe('IAM resources', () => {
  it('fills identities, policies, attachments and memberships that relate to each other', async () => {
    const m = await model({ 'main.tf': IAM });
    expect(m.identities.map((i) => [i.kind, i.ref.address, show(i.name)])).toEqual([
      ['role', 'aws_iam_role.r', 'app'],
      ['user', 'aws_iam_user.u', 'alice'],
      ['group', 'aws_iam_group.g', 'devs'],
    ]);
    const [role, user, group] = m.identities;
    expect(role?.trust?.kind).toBe('trust');
    expect(role?.inlinePolicies.map((d) => [d.kind, show(d.name), d.path.join('/')])).toEqual([['identity', 'inline', 'inline_policy/0/policy']]);
    expect(role?.managedPolicyArns.map(show)).toEqual(['arn:aws:iam::aws:policy/ReadOnlyAccess']);
    expect(show(role?.permissionsBoundary)).toBe('<aws_iam_policy.boundary.arn -> aws_iam_policy.boundary.arn>');
    expect(at(role?.ref.loc)).toBe('2:1-11:2');

    expect(m.policies.map((p) => [p.kind, p.ref.address, p.targets.map((t) => `${t.kind}:${show(t.value)}`)])).toEqual([
      ['managed', 'aws_iam_policy.boundary', []],
      ['inline', 'aws_iam_role_policy.rp', ['role:<aws_iam_role.r.id -> aws_iam_role.r.id>']],
      ['inline', 'aws_iam_user_policy.up', ['user:<aws_iam_user.u.name -> aws_iam_user.u.name>']],
      ['inline', 'aws_iam_group_policy.gp', ['group:devs']],
    ]);
    expect(m.attachments.map((a) => [a.ref.address, a.target.kind, show(a.target.value), show(a.policy)])).toEqual([
      ['aws_iam_role_policy_attachment.ra', 'role', '<aws_iam_role.r.name -> aws_iam_role.r.name>', '<aws_iam_policy.boundary.arn -> aws_iam_policy.boundary.arn>'],
      ['aws_iam_user_policy_attachment.ua', 'user', 'alice', 'arn:aws:iam::aws:policy/AdministratorAccess'],
      ['aws_iam_group_policy_attachment.ga', 'group', '<aws_iam_group.g.name -> aws_iam_group.g.name>', 'arn:aws:iam::aws:policy/PowerUserAccess'],
      ['aws_iam_policy_attachment.pa', 'user', '<aws_iam_user.u.name -> aws_iam_user.u.name>', '<aws_iam_policy.boundary.arn -> aws_iam_policy.boundary.arn>'],
      ['aws_iam_policy_attachment.pa', 'role', 'app', '<aws_iam_policy.boundary.arn -> aws_iam_policy.boundary.arn>'],
      ['aws_ssoadmin_managed_policy_attachment.sso', 'permission-set', '<aws_ssoadmin_permission_set.ps.arn -> aws_ssoadmin_permission_set.ps.arn>', 'arn:aws:iam::aws:policy/AdministratorAccess'],
    ]);
    expect(m.memberships.map((x) => [x.ref.address, show(x.user), show(x.group)])).toEqual([
      ['aws_iam_user_group_membership.m1', '<aws_iam_user.u.name -> aws_iam_user.u.name>', '<aws_iam_group.g.name -> aws_iam_group.g.name>'],
      ['aws_iam_user_group_membership.m1', '<aws_iam_user.u.name -> aws_iam_user.u.name>', 'other'],
      ['aws_iam_group_membership.m2', 'bob', '<aws_iam_group.g.name -> aws_iam_group.g.name>'],
    ]);
    // Relations resolve through the references the evaluator kept.
    expect(groupsOf(m, user as never)).toEqual([group]);
    expect(documentsOf(m, role as never).map((d) => d.owner.address)).toEqual(['aws_iam_role.r', 'aws_iam_role_policy.rp', 'aws_iam_policy.boundary']);
    expect(attachedPolicyArns(m, user as never).map(show)).toContain('arn:aws:iam::aws:policy/AdministratorAccess');
    expect(findIdentity(m, 'user', m.accessKeys[0]?.user as never)).toBe(user);

    expect(m.accessKeys.map((k) => [k.ref.address, show(k.status)])).toEqual([['aws_iam_access_key.k', 'Active']]);
    expect(m.loginProfiles.map((l) => l.ref.address)).toEqual(['aws_iam_user_login_profile.lp']);
    expect(user?.loginProfile?.ref?.address).toBe('aws_iam_user_login_profile.lp');
    expect(m.mfaDevices.map((d) => d.ref.address)).toEqual(['aws_iam_virtual_mfa_device.mfa']);
    expect(m.oidcProviders.map((o) => [show(o.url), o.clientIds.map(show)])).toEqual([['https://token.actions.githubusercontent.com', ['sts.amazonaws.com']]]);
    const [pw] = m.account.passwordPolicies;
    expect([show(pw?.minimumLength), show(pw?.requireSymbols), show(pw?.requireUppercase), show(pw?.maxAge), show(pw?.reusePrevention)]).toEqual(['8', 'true', '-', '90', '5']);
  });
});

describe('resource policies and grants', () => {
  const TYPES: [string, string][] = [
    ['aws_s3_bucket_policy', 'policy'],
    ['aws_s3_bucket', 'policy'],
    ['aws_sqs_queue_policy', 'policy'],
    ['aws_sqs_queue', 'policy'],
    ['aws_sns_topic_policy', 'policy'],
    ['aws_sns_topic', 'policy'],
    ['aws_kms_key', 'policy'],
    ['aws_kms_key_policy', 'policy'],
    ['aws_ecr_repository_policy', 'policy'],
    ['aws_ecr_registry_policy', 'policy'],
    ['aws_secretsmanager_secret_policy', 'policy'],
    ['aws_glacier_vault', 'access_policy'],
    ['aws_efs_file_system_policy', 'policy'],
    ['aws_opensearch_domain_policy', 'access_policies'],
    ['aws_elasticsearch_domain_policy', 'access_policies'],
    ['aws_cloudwatch_event_bus_policy', 'policy'],
    ['aws_cloudwatch_log_resource_policy', 'policy_document'],
    ['aws_api_gateway_rest_api_policy', 'policy'],
    ['aws_backup_vault_policy', 'policy'],
  ];

  it('reads the policy of every resource-policy type as a resource policy', async () => {
    const doc = 'jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = "*", Action = "*", Resource = "*" }] })';
    const m = await model({ 'main.tf': TYPES.map(([t, a]) => `resource "${t}" "x" {\n  ${a} = ${doc}\n}\n`).join('') });
    expect(m.documents.map((d) => [d.owner.address, d.kind, d.path.join('/')])).toEqual(TYPES.map(([t, a]) => [`${t}.x`, 'resource', a]));
    expect(m.documents.every((d) => d.statements[0]?.principal?.entries[0]?.type === '*')).toBe(true);
  });

  it('reads Lambda permissions and public function URLs as grants', async () => {
    const m = await model({
      'main.tf': [
        'resource "aws_lambda_permission" "p" {',
        '  action              = "lambda:InvokeFunction"',
        '  function_name       = aws_lambda_function.f.function_name',
        '  principal           = "sns.amazonaws.com"',
        '  source_arn          = aws_sns_topic.t.arn',
        '  source_account      = "111122223333"',
        '  principal_org_id    = "o-1"',
        '}',
        'resource "aws_lambda_function_url" "public" {',
        '  function_name      = aws_lambda_function.f.function_name',
        '  authorization_type = "NONE"',
        '}',
        'resource "aws_lambda_function_url" "iam" {',
        '  function_name      = aws_lambda_function.f.function_name',
        '  authorization_type = "AWS_IAM"',
        '}',
      ].join('\n'),
    });
    expect(m.permissionGrants.map((g) => [g.ref.address, show(g.principal), show(g.action), show(g.sourceArn), show(g.sourceAccount), g.conditions.map((c) => `${c.key}=${show(c.value)}`), at(g.loc)])).toEqual([
      ['aws_lambda_permission.p', 'sns.amazonaws.com', 'lambda:InvokeFunction', '<aws_sns_topic.t.arn -> aws_sns_topic.t.arn>', '111122223333', ['PrincipalOrgID=o-1'], '4:3-4:44'],
      ['aws_lambda_function_url.public', '*', 'lambda:InvokeFunctionUrl', '-', '-', ['FunctionUrlAuthType=NONE'], '11:3-11:30'],
    ]);
  });
});

describe('account controls', () => {
  it('reads trails, config recorders, metric filters, alarms, secrets and analyzers', async () => {
    const m = await model({
      'main.tf': [
        'resource "aws_cloudtrail" "t" {',
        '  name                       = "t"',
        '  is_multi_region_trail      = true',
        '  enable_log_file_validation = false',
        '  kms_key_id                 = aws_kms_key.k.arn',
        '  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.g.arn}:*"',
        '}',
        'resource "aws_config_configuration_recorder" "c" {',
        '  recording_group {',
        '    all_supported                 = false',
        '    include_global_resource_types = true',
        '    resource_types                = ["AWS::IAM::Role"]',
        '  }',
        '}',
        'resource "aws_cloudwatch_log_metric_filter" "f" {',
        '  pattern        = "{ $.eventName = DeleteUser }"',
        '  log_group_name = "trail"',
        '  metric_transformation {',
        '    name      = "IamChanges"',
        '    namespace = "Security"',
        '    value     = "1"',
        '  }',
        '}',
        'resource "aws_cloudwatch_metric_alarm" "a" {',
        '  metric_name = "IamChanges"',
        '  namespace   = "Security"',
        '}',
        'resource "aws_secretsmanager_secret" "s" {',
        '  name = "s"',
        '}',
        'resource "aws_secretsmanager_secret_rotation" "r" {',
        '  secret_id           = aws_secretsmanager_secret.s.id',
        '  rotation_lambda_arn = "arn:aws:lambda:us-east-1:111122223333:function:rotate"',
        '}',
        'resource "aws_accessanalyzer_analyzer" "aa" {',
        '  analyzer_name = "aa"',
        '}',
      ].join('\n'),
    });
    const [t] = m.account.trails;
    expect([show(t?.multiRegion), show(t?.logFileValidation), show(t?.kmsKey), show(t?.cloudWatchLogGroup)]).toEqual(['true', 'false', '<aws_kms_key.k.arn -> aws_kms_key.k.arn>', '${aws_cloudwatch_log_group.g.arn}:*']);
    const [c] = m.account.configRecorders;
    expect([show(c?.allSupported), show(c?.includeGlobalResourceTypes), c?.resourceTypes.map(show)]).toEqual(['false', 'true', ['AWS::IAM::Role']]);
    const [f] = m.account.metricFilters;
    expect([show(f?.pattern), show(f?.logGroup), show(f?.metricName), show(f?.metricNamespace)]).toEqual(['{ $.eventName = DeleteUser }', 'trail', 'IamChanges', 'Security']);
    expect(m.account.alarms.map((a) => [show(a.metricName), show(a.namespace)])).toEqual([['IamChanges', 'Security']]);
    expect(m.account.secrets.map((s) => [s.ref.address, s.rotation])).toEqual([['aws_secretsmanager_secret.s', undefined]]);
    expect(m.account.secretRotations.map((r) => show(r.secret))).toEqual(['<aws_secretsmanager_secret.s.id -> aws_secretsmanager_secret.s.id>']);
    expect(m.account.analyzers.map((a) => a.address)).toEqual(['aws_accessanalyzer_analyzer.aa']);
  });
});

describe('text values and secret exposures', () => {
  it('collects literal settings where credentials could hide, and outputs that reveal a secret', async () => {
    const m = await model({
      'main.tf': [
        'provider "aws" {',
        '  region     = "us-east-1"',
        '  access_key = "AKIAIOSFODNN7EXAMPLE"',
        '  assume_role {',
        '    role_arn = "arn:aws:iam::111122223333:role/x"',
        '  }',
        '}',
        'variable "secret_key" {',
        '  default = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"',
        '}',
        'resource "aws_lambda_function" "f" {',
        '  environment {',
        '    variables = { AWS_ACCESS_KEY_ID = "AKIA0000000000000000", REGION = var.region }',
        '  }',
        '}',
        'resource "aws_instance" "i" {',
        '  user_data = <<-EOT',
        '    export TOKEN=abc ${var.x}',
        '  EOT',
        '}',
        'resource "aws_iam_access_key" "k" {',
        '  user = "u"',
        '}',
        'output "secret" {',
        '  value     = aws_iam_access_key.k.secret',
        '  sensitive = true',
        '}',
        'output "smtp" {',
        '  value = { password = aws_iam_access_key.k.ses_smtp_password_v4 }',
        '}',
        'output "id" {',
        '  value = aws_iam_access_key.k.id',
        '}',
        'resource "aws_ssm_parameter" "plain" {',
        '  type  = "String"',
        '  value = aws_iam_access_key.k.secret',
        '}',
        'resource "aws_ssm_parameter" "secure" {',
        '  type  = "SecureString"',
        '  value = aws_iam_access_key.k.secret',
        '}',
      ].join('\n'),
      'terraform.tfvars': 'token = "ghp_123"\n',
    });
    expect(m.textValues.map((t) => [t.owner.address, t.name, t.value, at(t.loc)])).toEqual([
      ['variable.token', 'token', 'ghp_123', '1:9-1:18'],
      ['provider.aws', 'region', 'us-east-1', '2:16-2:27'],
      ['provider.aws', 'access_key', 'AKIAIOSFODNN7EXAMPLE', '3:16-3:38'],
      ['provider.aws', 'assume_role.role_arn', 'arn:aws:iam::111122223333:role/x', '5:16-5:50'],
      ['variable.secret_key', 'secret_key', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', '9:13-9:55'],
      ['aws_lambda_function.f', 'AWS_ACCESS_KEY_ID', 'AKIA0000000000000000', '13:39-13:61'],
      ['aws_instance.i', 'user_data', 'export TOKEN=abc ${var.x}\n', '17:15-19:6'],
    ]);
    expect(m.secretExposures.map((e) => [e.owner.address, e.key, e.via, at(e.loc)])).toEqual([
      ['output.secret', 'aws_iam_access_key.k', 'output', '25:3-25:42'],
      ['output.smtp', 'aws_iam_access_key.k', 'output', '29:3-29:67'],
      ['aws_ssm_parameter.plain', 'aws_iam_access_key.k', 'ssm-parameter', '36:3-36:38'],
    ]);
  });

  it('reads list items of literal values', async () => {
    const m = await model({ 'main.tf': 'variable "l" {\n  default = ["a", { k = "b" }]\n}\n' });
    expect(m.textValues.map((t) => [t.name, t.value])).toEqual([
      ['l', 'a'],
      ['l.k', 'b'],
    ]);
  });

  it('reads backend settings, which can hold credentials too', async () => {
    const m = await model({ 'main.tf': 'terraform {\n  backend "s3" {\n    bucket     = "state"\n    secret_key = "abc"\n  }\n}\n' });
    expect(m.textValues.map((t) => [t.owner.address, t.name, t.value])).toEqual([
      ['terraform', 'backend.s3.bucket', 'state'],
      ['terraform', 'backend.s3.secret_key', 'abc'],
    ]);
  });
});
