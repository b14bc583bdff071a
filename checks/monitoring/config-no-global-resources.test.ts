import { checkCases } from '../../test/harness/check-tester.js';
import check from './config-no-global-resources.js';

/** A template with one recorder; `group` is the RecordingGroup body (indented under it), or '' for none. */
const template = (group: string) =>
  [
    'AWSTemplateFormatVersion: "2010-09-09"',
    'Parameters:',
    '  Global:',
    '    Type: String',
    '  Types:',
    '    Type: CommaDelimitedList',
    'Resources:',
    '  Recorder:',
    '    Type: AWS::Config::ConfigurationRecorder',
    '    Properties:',
    '      RoleARN: arn:aws:iam::111122223333:role/config',
    ...(group === '' ? [] : ['      RecordingGroup:', ...group.split('\n').map((l) => `        ${l}`)]),
    '',
  ].join('\n');

checkCases(check, {
  valid: [
    { name: 'all types, global included', files: { 'template.yaml': template('AllSupported: true\nIncludeGlobalResourceTypes: true') } },
    { name: 'global included, AllSupported left to its default', files: { 'template.yaml': template('IncludeGlobalResourceTypes: "true"') } },
    { name: 'a parameter for the global flag is unknown', files: { 'template.yaml': template('AllSupported: true\nIncludeGlobalResourceTypes: !Ref Global') } },
    {
      name: 'an explicit list that has IAM types',
      files: { 'template.yaml': template('AllSupported: false\nResourceTypes:\n  - AWS::EC2::Instance\n  - AWS::IAM::Role\n  - AWS::IAM::Policy') },
    },
    { name: 'an explicit list from a parameter is unknown', files: { 'template.yaml': template('AllSupported: false\nResourceTypes: !Ref Types') } },
    { name: 'AllSupported unknown', files: { 'template.yaml': template('AllSupported: !Ref Global') } },
    {
      name: 'Terraform: all_supported defaults to true, global included',
      files: {
        'main.tf': ['resource "aws_config_configuration_recorder" "main" {', '  role_arn = "arn:aws:iam::111122223333:role/config"', '  recording_group {', '    include_global_resource_types = true', '  }', '}', ''].join('\n'),
      },
    },
    {
      name: 'AllSupported false with no list: an exclusion strategy the linter cannot judge',
      files: { 'template.yaml': template('AllSupported: false\nRecordingStrategy:\n  UseOnly: EXCLUSION_BY_RESOURCE_TYPES\nExclusionByResourceTypes:\n  ResourceTypes:\n    - AWS::EC2::Volume') },
    },
  ],
  invalid: [
    {
      name: 'no recording group: AWS records regional types only',
      files: { 'template.yaml': template('') },
      errors: [{ resource: 'Recorder', messageId: 'globalUnset', line: 8, endLine: 11 }],
    },
    {
      name: 'global types turned off: points at the flag',
      files: { 'template.yaml': template('AllSupported: true\nIncludeGlobalResourceTypes: false') },
      errors: [{ resource: 'Recorder', messageId: 'globalExcluded', line: 14, column: 37, endColumn: 42, message: '("false")' }],
    },
    {
      name: 'AllSupported without the global flag: points at AllSupported',
      files: { 'template.yaml': template('AllSupported: true') },
      errors: [{ resource: 'Recorder', messageId: 'globalUnset', line: 13, column: 23 }],
    },
    {
      name: 'an explicit list without IAM types: spans the list, names the types',
      files: { 'template.yaml': template('AllSupported: false\nResourceTypes:\n  - AWS::EC2::Instance\n  - AWS::S3::Bucket\n  - AWS::EC2::Volume\n  - AWS::RDS::DBInstance') },
      errors: [{ resource: 'Recorder', messageId: 'noIamTypes', line: 15, endLine: 18, message: '("AWS::EC2::Instance", "AWS::S3::Bucket", "AWS::EC2::Volume" and 1 more)' }],
    },
    {
      name: 'Terraform: no recording group, and the global flag off',
      files: {
        'main.tf': [
          'resource "aws_config_configuration_recorder" "bare" {',
          '  role_arn = "arn:aws:iam::111122223333:role/config"',
          '}',
          'resource "aws_config_configuration_recorder" "off" {',
          '  role_arn = "arn:aws:iam::111122223333:role/config"',
          '  recording_group {',
          '    all_supported                 = true',
          '    include_global_resource_types = false',
          '  }',
          '}',
          '',
        ].join('\n'),
      },
      errors: [
        { resource: 'aws_config_configuration_recorder.bare', messageId: 'globalUnset', line: 1, endLine: 3 },
        { resource: 'aws_config_configuration_recorder.off', messageId: 'globalExcluded', line: 8, column: 37 },
      ],
    },
    {
      name: 'an explicit list without AllSupported',
      files: { 'template.yaml': template('ResourceTypes: [AWS::EC2::SecurityGroup]') },
      errors: [{ resource: 'Recorder', messageId: 'noIamTypes', line: 13, column: 25 }],
    },
  ],
});
