import { checkCases } from '../../test/harness/check-tester.js';
import check from './credentials-exposure.js';

/** One statement per line after the header: line 3 is the first statement. */
const policy = (...statements: string[]): string =>
  ['{', '  "Version": "2012-10-17", "Statement": [', statements.map((s) => `    ${s}`).join(',\n'), '  ]', '}'].join('\n');
const allow = (action: string, resource = '"*"', extra = ''): string => `{"Effect": "Allow", "Action": ${action}, "Resource": ${resource}${extra}}`;
const deny = (action: string, resource = '"*"', extra = ''): string => `{"Effect": "Deny", "Action": ${action}, "Resource": ${resource}${extra}}`;

checkCases(check, {
  valid: [
    { name: 'checkov CKV_AWS_107/287 pass: ecr:GetAuthorizationToken is account-wide by design', files: { 'policy.json': policy(allow('"ecr:GetAuthorizationToken"')) } },
    { name: 'sts:GetSessionToken and sts:GetCallerIdentity only concern the caller', files: { 'policy.json': policy(allow('["sts:GetSessionToken", "sts:GetCallerIdentity"]')) } },
    {
      name: 'checkov CKV_AWS_107/287 pass: a Deny of everything with conditions',
      files: {
        'policy.json': policy(deny('["*"]', '"*"', ', "Condition": {"NotIpAddress": {"aws:SourceIp": "1.2.3.4/16"}, "Bool": {"aws:ViaAWSService": "false"}}')),
      },
    },
    {
      name: 'checkov CKV_AWS_107/287 pass: creating functions and tables',
      files: { 'policy.json': policy(allow('["lambda:CreateFunction", "lambda:CreateEventSourceMapping", "dynamodb:CreateTable"]')) },
    },
    {
      name: 'self-service keys scoped to the caller',
      files: { 'policy.json': policy(allow('["iam:CreateAccessKey", "iam:UpdateAccessKey", "iam:UploadSSHPublicKey"]', '"arn:aws:iam::*:user/${aws:username}"')) },
    },
    {
      name: 'parliament: redshift:GetClusterCredentials on one database user',
      files: { 'policy.json': policy(allow('"redshift:GetClusterCredentials"', '"arn:aws:redshift:us-west-2:123456789012:dbuser:the_cluster/the_user"')) },
    },
    { name: 'an unconditional Deny of the document takes it away', files: { 'policy.json': policy(allow('"iam:*"'), deny('["iam:CreateAccessKey", "iam:Update*", "iam:*LoginProfile", "iam:*SSH*", "iam:*ServiceSpecificCredential", "iam:UploadSigningCertificate"]')) } },
    {
      name: 'a constraining condition on the grant',
      files: { 'policy.json': policy(allow('"sts:GetFederationToken"', '"*"', ', "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}')) },
    },
    {
      name: 'a resource policy is not where credentials are handed out',
      files: { 'policy.json': policy('{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "*", "Resource": "*"}') },
    },
  ],
  invalid: [
    {
      name: 'parliament credentials_exposure: redshift:GetClusterCredentials next to ecr:GetAuthorizationToken',
      files: { 'policy.json': policy(allow('["redshift:getclustercredentials", "ecr:getauthorizationtoken"]')) },
      errors: [{ resource: 'policy.json', messageId: 'credentialsExposure', line: 3, message: 'allows "redshift:GetClusterCredentials" on "*"' }],
    },
    {
      name: 'checkov CKV_AWS_107 fail: access keys on "*"',
      files: { 'policy.json': policy(allow('["iam:UpdateAccessKey", "iam:UntagRole", "iam:CreateAccessKey", "iam:TagPolicy"]')) },
      errors: [{ resource: 'policy.json', messageId: 'credentialsExposure', line: 3, column: 25, message: '"iam:CreateAccessKey", "iam:UpdateAccessKey" on "*"' }],
    },
    {
      name: 'checkov CKV_AWS_107/287 fail: s3:GetObject and iam:CreateAccessKey on "*"',
      files: { 'policy.json': policy(allow('["s3:GetObject", "iam:CreateAccessKey"]')) },
      errors: [{ resource: 'policy.json', messageId: 'credentialsExposure', line: 3 }],
    },
    {
      name: 'wildcards reach the credential actions, at most three named',
      files: { 'policy.json': policy(allow('"iam:*"'), allow('"ec2:Get*"'), allow('"sts:GetFederationToken"', '["arn:aws:sts::123456789012:federated-user/x", "*"]')) },
      errors: [
        { resource: 'policy.json', messageId: 'credentialsExposure', line: 3, message: '"iam:CreateAccessKey", "iam:UpdateAccessKey", "iam:CreateLoginProfile" and 6 more' },
        { resource: 'policy.json', messageId: 'credentialsExposure', line: 4, message: '"ec2:GetPasswordData"' },
        { resource: 'policy.json', messageId: 'credentialsExposure', line: 5, message: '"sts:GetFederationToken" on "*"' },
      ],
    },
    {
      name: 'a Deny with a condition does not take the grant away',
      files: {
        'policy.json': policy(allow('"iam:CreateLoginProfile"'), deny('"iam:CreateLoginProfile"', '"*"', ', "Condition": {"StringNotEquals": {"aws:PrincipalTag/role": "admin"}}')),
      },
      errors: [{ resource: 'policy.json', messageId: 'credentialsExposure', line: 3 }],
    },
  ],
});
