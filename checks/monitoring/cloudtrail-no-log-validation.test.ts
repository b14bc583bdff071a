import { checkCases } from '../../test/harness/check-tester.js';
import check from './cloudtrail-no-log-validation.js';

const template = (props: string, extra = '') =>
  [
    'AWSTemplateFormatVersion: "2010-09-09"',
    'Parameters:',
    '  Validate:',
    '    Type: String',
    'Resources:',
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
    { name: 'validation enabled', files: { 'template.yaml': template('EnableLogFileValidation: true') } },
    { name: 'the string "TRUE"', files: { 'template.yaml': template('EnableLogFileValidation: "TRUE"') } },
    { name: 'a parameter is unknown, never a finding', files: { 'template.yaml': template('EnableLogFileValidation: !Ref Validate') } },
    {
      name: 'a trail in JSON with validation on',
      files: {
        'template.json': JSON.stringify({
          Resources: { Trail: { Type: 'AWS::CloudTrail::Trail', Properties: { IsLogging: true, S3BucketName: 'b', EnableLogFileValidation: true } } },
        }),
      },
    },
    {
      name: 'Terraform: validation on, and set by a variable',
      files: {
        'main.tf': [
          'variable "flag" {}',
          'resource "aws_cloudtrail" "main" {',
          '  name           = "main"',
          '  s3_bucket_name = "audit-logs"',
          '  enable_log_file_validation = true',
          '}',
          '',
        ].join('\n'),
        'other/main.tf': [
          'variable "flag" {}',
          'resource "aws_cloudtrail" "main" {',
          '  name           = "main"',
          '  s3_bucket_name = "audit-logs"',
          '  enable_log_file_validation = var.flag',
          '}',
          '',
        ].join('\n'),
      },
    },
    { name: 'no trail', files: { 'template.yaml': 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n' } },
  ],
  invalid: [
    {
      name: 'validation turned off: points at the value',
      files: { 'template.yaml': template('EnableLogFileValidation: false') },
      errors: [{ resource: 'Trail', messageId: 'disabled', line: 11, column: 32, endColumn: 37, message: '("false")' }],
    },
    {
      name: 'a multi-region trail without validation: points at the trail',
      files: { 'template.yaml': template('IsMultiRegionTrail: true\nKMSKeyId: alias/trail') },
      errors: [{ resource: 'Trail', messageId: 'unset', line: 6, endLine: 12 }],
    },
    {
      name: 'Terraform: left to the default',
      files: { 'main.tf': [
          'variable "flag" {}',
          'resource "aws_cloudtrail" "main" {',
          '  name           = "main"',
          '  s3_bucket_name = "audit-logs"',
          '}',
          '',
        ].join('\n') },
      errors: [{ resource: 'aws_cloudtrail.main', messageId: 'unset', line: 2, endLine: 5 }],
    },
    {
      name: 'each trail on its own',
      files: {
        'template.yaml': template(
          'EnableLogFileValidation: true',
          ['  Other:', '    Type: AWS::CloudTrail::Trail', '    Properties:', '      S3BucketName: other', '      EnableLogFileValidation: "false"'].join('\n'),
        ),
      },
      errors: [{ resource: 'Other', messageId: 'disabled', line: 16, message: '("false")' }],
    },
  ],
});
