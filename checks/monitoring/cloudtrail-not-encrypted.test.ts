import { checkCases } from '../../test/harness/check-tester.js';
import check from './cloudtrail-not-encrypted.js';

const template = (props: string, extra = '') =>
  [
    'AWSTemplateFormatVersion: "2010-09-09"',
    'Parameters:',
    '  KeyArn:',
    '    Type: String',
    'Resources:',
    '  Key:',
    '    Type: AWS::KMS::Key',
    '  Trail:',
    '    Type: AWS::CloudTrail::Trail',
    '    Properties:',
    '      IsLogging: true',
    '      S3BucketName: audit-logs',
    ...props.split('\n').filter((l) => l !== '').map((l) => `      ${l}`),
    ...extra.split('\n').filter((l) => l !== ''),
    '',
  ].join('\n');

checkCases(check, {
  valid: [
    { name: 'a key alias', files: { 'template.yaml': template('KMSKeyId: alias/cloudtrail') } },
    { name: 'a key ARN', files: { 'template.yaml': template('KMSKeyId: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab') } },
    { name: 'a key of the template', files: { 'template.yaml': template('KMSKeyId: !GetAtt Key.Arn') } },
    { name: 'a parameter is unknown, never a finding', files: { 'template.yaml': template('KMSKeyId: !Ref KeyArn') } },
    {
      name: 'Terraform: a key of the module, and one from a variable',
      files: {
        'main.tf': [
          'variable "flag" {}',
          'resource "aws_cloudtrail" "main" {',
          '  name           = "main"',
          '  s3_bucket_name = "audit-logs"',
          '  kms_key_id = aws_kms_key.trail.arn',
          '}',
          '',
        ].join('\n'),
        'other/main.tf': [
          'variable "flag" {}',
          'resource "aws_cloudtrail" "main" {',
          '  name           = "main"',
          '  s3_bucket_name = "audit-logs"',
          '  kms_key_id = var.flag',
          '}',
          '',
        ].join('\n'),
      },
    },
    { name: 'no trail', files: { 'template.yaml': 'Resources:\n  Key:\n    Type: AWS::KMS::Key\n' } },
  ],
  invalid: [
    {
      name: 'no KMSKeyId: points at the trail',
      files: { 'template.yaml': template('IsMultiRegionTrail: true\nEnableLogFileValidation: true') },
      errors: [{ resource: 'Trail', messageId: 'noKmsKey', line: 8, endLine: 14 }],
    },
    {
      name: 'an empty key id: points at the value',
      files: { 'template.yaml': template('KMSKeyId: ""') },
      errors: [{ resource: 'Trail', messageId: 'noKmsKey', line: 13, column: 17, endColumn: 19 }],
    },
    {
      name: 'Terraform: no key, and an empty one',
      files: {
        'main.tf': [
          'variable "flag" {}',
          'resource "aws_cloudtrail" "main" {',
          '  name           = "main"',
          '  s3_bucket_name = "audit-logs"',
          '}',
          '',
        ].join('\n'),
        'empty/main.tf': [
          'variable "flag" {}',
          'resource "aws_cloudtrail" "main" {',
          '  name           = "main"',
          '  s3_bucket_name = "audit-logs"',
          '  kms_key_id = ""',
          '}',
          '',
        ].join('\n'),
      },
      errors: [
        { resource: 'aws_cloudtrail.main', messageId: 'noKmsKey', line: 2, endLine: 5, file: 'main.tf' },
        { resource: 'aws_cloudtrail.main', messageId: 'noKmsKey', line: 5, column: 16, file: 'empty/main.tf' },
      ],
    },
    {
      name: 'each trail on its own',
      files: {
        'template.yaml': template(
          'KMSKeyId: !Ref Key',
          ['  Regional:', '    Type: AWS::CloudTrail::Trail', '    Properties:', '      S3BucketName: other'].join('\n'),
        ),
      },
      errors: [{ resource: 'Regional', messageId: 'noKmsKey', line: 14, endLine: 17 }],
    },
  ],
});
