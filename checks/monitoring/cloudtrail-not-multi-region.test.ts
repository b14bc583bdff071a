import { checkCases } from '../../test/harness/check-tester.js';
import check from './cloudtrail-not-multi-region.js';

const template = (props: string, extra = '') =>
  [
    'AWSTemplateFormatVersion: "2010-09-09"',
    'Parameters:',
    '  MultiRegion:',
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
    { name: 'a multi-region trail', files: { 'template.yaml': template('IsMultiRegionTrail: true') } },
    { name: 'the string "true" (CloudFormation takes it)', files: { 'template.yaml': template('IsMultiRegionTrail: "true"') } },
    { name: 'YAML True', files: { 'template.yaml': template('IsMultiRegionTrail: True') } },
    { name: 'a parameter is unknown, never a finding', files: { 'template.yaml': template('IsMultiRegionTrail: !Ref MultiRegion') } },
    {
      name: 'a condition whose value cannot be told',
      files: {
        'template.yaml': [
          'Parameters:',
          '  Env:',
          '    Type: String',
          'Conditions:',
          '  IsProd: !Equals [!Ref Env, prod]',
          'Resources:',
          '  Trail:',
          '    Type: AWS::CloudTrail::Trail',
          '    Properties:',
          '      IsLogging: true',
          '      S3BucketName: audit-logs',
          '      IsMultiRegionTrail: !If [IsProd, true, !Ref Env]',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'Terraform: a multi-region trail, and one set by a variable',
      files: {
        'main.tf': [
          'variable "flag" {}',
          'resource "aws_cloudtrail" "main" {',
          '  name           = "main"',
          '  s3_bucket_name = "audit-logs"',
          '  is_multi_region_trail = true',
          '}',
          '',
        ].join('\n'),
        'other/main.tf': [
          'variable "flag" {}',
          'resource "aws_cloudtrail" "main" {',
          '  name           = "main"',
          '  s3_bucket_name = "audit-logs"',
          '  is_multi_region_trail = var.flag',
          '}',
          '',
        ].join('\n'),
      },
    },
    { name: 'no trail at all', files: { 'template.yaml': 'Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n' } },
  ],
  invalid: [
    {
      name: 'IsMultiRegionTrail false: points at the value',
      files: { 'template.yaml': template('IsMultiRegionTrail: false') },
      errors: [{ resource: 'Trail', messageId: 'disabled', line: 11, column: 27, endColumn: 32, message: '("false")' }],
    },
    {
      name: 'the string "False"',
      files: { 'template.yaml': template('IsMultiRegionTrail: "False"') },
      errors: [{ resource: 'Trail', messageId: 'disabled', line: 11, message: '("False")' }],
    },
    {
      name: 'unset: points at the trail',
      files: { 'template.yaml': template('EnableLogFileValidation: true') },
      errors: [{ resource: 'Trail', messageId: 'unset', line: 6, endLine: 11 }],
    },
    {
      name: 'Terraform: left to the default, and set to false',
      files: {
        'main.tf': [
          'variable "flag" {}',
          'resource "aws_cloudtrail" "main" {',
          '  name           = "main"',
          '  s3_bucket_name = "audit-logs"',
          '}',
          '',
        ].join('\n'),
        'off/main.tf': [
          'variable "flag" {}',
          'resource "aws_cloudtrail" "main" {',
          '  name           = "main"',
          '  s3_bucket_name = "audit-logs"',
          '  is_multi_region_trail = false',
          '}',
          '',
        ].join('\n'),
      },
      errors: [
        { resource: 'aws_cloudtrail.main', messageId: 'unset', line: 2, endLine: 5, file: 'main.tf' },
        { resource: 'aws_cloudtrail.main', messageId: 'disabled', line: 5, column: 27, file: 'off/main.tf' },
      ],
    },
    {
      name: 'one finding per trail',
      files: {
        'template.yaml': template(
          'IsMultiRegionTrail: false',
          ['  Second:', '    Type: AWS::CloudTrail::Trail', '    Properties:', '      IsLogging: true', '      S3BucketName: audit-logs'].join('\n'),
        ),
      },
      errors: [
        { resource: 'Trail', messageId: 'disabled', line: 11 },
        { resource: 'Second', messageId: 'unset', line: 12 },
      ],
    },
  ],
});
