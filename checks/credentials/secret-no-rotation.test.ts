import { checkCases } from '../../test/harness/check-tester.js';
import check from './secret-no-rotation.js';

const template = (...resources: string[]) =>
  [
    'AWSTemplateFormatVersion: "2010-09-09"',
    'Parameters:',
    '  ExternalSecretArn:',
    '    Type: String',
    'Resources:',
    '  DbSecret:',
    '    Type: AWS::SecretsManager::Secret',
    '    Properties:',
    '      Name: db-password',
    '      GenerateSecretString:',
    '        PasswordLength: 32',
    ...resources,
    '',
  ].join('\n');

const rotation = (name: string, secretId: string) => [
  `  ${name}:`,
  '    Type: AWS::SecretsManager::RotationSchedule',
  '    Properties:',
  `      SecretId: ${secretId}`,
  '      RotationLambdaARN: arn:aws:lambda:us-east-1:111122223333:function:rotate',
  '      RotationRules:',
  '        AutomaticallyAfterDays: 30',
];

const otherSecret = ['  ApiKey:', '    Type: AWS::SecretsManager::Secret', '    Properties:', '      Name: api-key'];

checkCases(check, {
  valid: [
    { name: 'a rotation schedule that refers to the secret', files: { 'template.yaml': template(...rotation('Rotation', '!Ref DbSecret')) } },
    {
      name: 'a hosted rotation Lambda (the SecretsManager transform)',
      files: {
        'template.yaml': [
          'Transform: AWS::SecretsManager-2020-07-23',
          template(
            '  Rotation:',
            '    Type: AWS::SecretsManager::RotationSchedule',
            '    Properties:',
            '      SecretId: !Ref DbSecret',
            '      HostedRotationLambda:',
            '        RotationType: PostgreSQLSingleUser',
            '      RotationRules:',
            '        ScheduleExpression: rate(30 days)',
          ),
        ].join('\n'),
      },
    },
    {
      name: 'a literal secret id cannot be tied to a resource, so it may be this secret',
      files: { 'template.yaml': template(...rotation('Rotation', 'db-password')) },
    },
    {
      name: 'a parameter may hold this secret\'s name',
      files: { 'template.yaml': template(...rotation('Rotation', '!Ref ExternalSecretArn')) },
    },
    {
      name: 'every secret rotated',
      files: { 'template.yaml': template(...otherSecret, ...rotation('DbRotation', '!Ref DbSecret'), ...rotation('ApiRotation', '!Ref ApiKey')) },
    },
    { name: 'no secrets', files: { 'template.yaml': 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n' } },
    {
      name: 'Terraform: a rotation resource for the secret',
      files: {
        'main.tf': [
          'resource "aws_secretsmanager_secret" "db" {',
          '  name = "db-password"',
          '}',
          'resource "aws_secretsmanager_secret_rotation" "db" {',
          '  secret_id           = aws_secretsmanager_secret.db.id',
          '  rotation_lambda_arn = "arn:aws:lambda:us-east-1:111122223333:function:rotate"',
          '  rotation_rules {',
          '    automatically_after_days = 30',
          '  }',
          '}',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'Terraform: rotation declared on the secret itself (older AWS provider)',
      files: {
        'main.tf': [
          'resource "aws_secretsmanager_secret" "db" {',
          '  name                = "db-password"',
          '  rotation_lambda_arn = "arn:aws:lambda:us-east-1:111122223333:function:rotate"',
          '  rotation_rules {',
          '    automatically_after_days = 30',
          '  }',
          '}',
          '',
        ].join('\n'),
      },
    },
  ],
  invalid: [
    {
      name: 'a secret without any rotation: points at the secret',
      files: { 'template.yaml': template() },
      errors: [{ resource: 'DbSecret', messageId: 'noRotation', line: 6, endLine: 11 }],
    },
    {
      name: 'the rotation belongs to another secret of the template',
      files: { 'template.yaml': template(...otherSecret, ...rotation('ApiRotation', '!Ref ApiKey')) },
      errors: [{ resource: 'DbSecret', messageId: 'noRotation', line: 6 }],
    },
    {
      name: 'the rotation names the other secret by an attribute',
      files: { 'template.yaml': template(...otherSecret, ...rotation('ApiRotation', '!GetAtt ApiKey.Id')) },
      errors: [{ resource: 'DbSecret', messageId: 'noRotation', line: 6 }],
    },
    {
      name: 'a rotation in another template is another deployment unit',
      files: {
        'template.yaml': template(),
        'rotation.yaml': ['Resources:', ...rotation('Rotation', 'db-password'), ''].join('\n'),
      },
      errors: [{ resource: 'DbSecret', messageId: 'noRotation', line: 6, file: 'template.yaml' }],
    },
    {
      name: 'Terraform: the rotation rotates the other secret',
      files: {
        'main.tf': [
          'resource "aws_secretsmanager_secret" "db" {',
          '  name = "db-password"',
          '}',
          'resource "aws_secretsmanager_secret" "api" {',
          '  name = "api-key"',
          '}',
          'resource "aws_secretsmanager_secret_rotation" "api" {',
          '  secret_id           = aws_secretsmanager_secret.api.id',
          '  rotation_lambda_arn = "arn:aws:lambda:us-east-1:111122223333:function:rotate"',
          '  rotation_rules {',
          '    automatically_after_days = 30',
          '  }',
          '}',
          '',
        ].join('\n'),
      },
      errors: [{ resource: 'aws_secretsmanager_secret.db', messageId: 'noRotation', line: 1, endLine: 3 }],
    },
    {
      name: 'one finding per unrotated secret',
      files: { 'template.yaml': template(...otherSecret) },
      errors: [
        { resource: 'DbSecret', messageId: 'noRotation', line: 6 },
        { resource: 'ApiKey', messageId: 'noRotation', line: 12, endLine: 15 },
      ],
    },
  ],
});
