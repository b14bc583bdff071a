import { checkCases } from '../../test/harness/check-tester.js';
import check from './iam-change-alarm-missing.js';

const CIS_PATTERN =
  '{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)}';

/** Lines 1-14: a log group and a trail sending to it (CloudWatchLogsLogGroupArn on line 14). */
const HEAD = [
  'AWSTemplateFormatVersion: "2010-09-09"',
  'Parameters:',
  '  Pattern:',
  '    Type: String',
  'Resources:',
  '  TrailLogs:',
  '    Type: AWS::Logs::LogGroup',
  '  Trail:',
  '    Type: AWS::CloudTrail::Trail',
  '    Properties:',
  '      IsLogging: true',
  '      S3BucketName: audit-logs',
  '      IsMultiRegionTrail: true',
  '      CloudWatchLogsLogGroupArn: !GetAtt TrailLogs.Arn',
];

const filter = (name: string, pattern: string, metric = 'IAMPolicyChanges', logGroup = '!Ref TrailLogs') => [
  `  ${name}:`,
  '    Type: AWS::Logs::MetricFilter',
  '    Properties:',
  `      LogGroupName: ${logGroup}`,
  `      FilterPattern: ${pattern.startsWith('!') ? pattern : `'${pattern}'`}`,
  '      MetricTransformations:',
  `        - MetricName: ${metric}`,
  '          MetricNamespace: CISBenchmark',
  '          MetricValue: "1"',
];

const alarm = (name: string, metric = 'IAMPolicyChanges', namespace = 'CISBenchmark') => [
  `  ${name}:`,
  '    Type: AWS::CloudWatch::Alarm',
  '    Properties:',
  `      MetricName: ${metric}`,
  `      Namespace: ${namespace}`,
  '      Statistic: Sum',
  '      Period: 300',
  '      EvaluationPeriods: 1',
  '      Threshold: 1',
  '      ComparisonOperator: GreaterThanOrEqualToThreshold',
];

/** A Terraform trail sending to a log group, the CIS filter on it, and optionally an alarm. */
const terraform = (withAlarm: boolean) =>
  [
    'resource "aws_cloudwatch_log_group" "trail" {',
    '  name = "cloudtrail"',
    '}',
    'resource "aws_cloudtrail" "main" {',
    '  name                       = "main"',
    '  s3_bucket_name             = "audit-logs"',
    '  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"',
    '  cloud_watch_logs_role_arn  = "arn:aws:iam::111122223333:role/cloudtrail-to-logs"',
    '}',
    'resource "aws_cloudwatch_log_metric_filter" "iam_changes" {',
    '  name           = "iam-policy-changes"',
    '  log_group_name = aws_cloudwatch_log_group.trail.name',
    `  pattern        = "${CIS_PATTERN.replace(/"/g, '\\"')}"`,
    '  metric_transformation {',
    '    name      = "IAMPolicyChanges"',
    '    namespace = "CISBenchmark"',
    '    value     = "1"',
    '  }',
    '}',
    ...(withAlarm
      ? [
          'resource "aws_cloudwatch_metric_alarm" "iam_changes" {',
          '  alarm_name          = "iam-policy-changes"',
          '  metric_name         = aws_cloudwatch_log_metric_filter.iam_changes.metric_transformation[0].name',
          '  namespace           = "CISBenchmark"',
          '  statistic           = "Sum"',
          '  period              = 300',
          '  evaluation_periods  = 1',
          '  threshold           = 1',
          '  comparison_operator = "GreaterThanOrEqualToThreshold"',
          '}',
        ]
      : []),
    '',
  ].join('\n');

const template = (...parts: string[][]) => [...HEAD, ...parts.flat(), ''].join('\n');
const at = { resource: 'Trail', line: 14, column: 34 };

checkCases(check, {
  valid: [
    { name: 'the CIS filter with an alarm on its metric', files: { 'template.yaml': template(filter('Filter', CIS_PATTERN), alarm('Alarm')) } },
    {
      name: 'spaces, quotes and an eventSource guard',
      files: {
        'template.yaml': template(
          filter(
            'Filter',
            '{ ($.eventSource = "iam.amazonaws.com") && (($.eventName = "DeleteGroupPolicy") || ($.eventName = "DeleteRolePolicy") || ($.eventName = "DeleteUserPolicy") || ($.eventName = "PutGroupPolicy") || ($.eventName = "PutRolePolicy") || ($.eventName = "PutUserPolicy") || ($.eventName = "CreatePolicy") || ($.eventName = "DeletePolicy") || ($.eventName = "CreatePolicyVersion") || ($.eventName = "DeletePolicyVersion") || ($.eventName = "AttachRolePolicy") || ($.eventName = "DetachRolePolicy")) }',
          ),
          alarm('Alarm'),
        ),
      },
    },
    { name: 'every IAM event by its source', files: { 'template.yaml': template(filter('Filter', '{ $.eventSource = iam.amazonaws.com }'), alarm('Alarm')) } },
    {
      name: 'wildcards and a regex',
      files: {
        'template.yaml': template(
          filter('Filter', '{ ($.eventName = Put*Policy) || ($.eventName = Delete*Policy*) || ($.eventName = %^(Attach|Detach)(Role|User|Group)Policy$%) || ($.eventName = CreatePolicy*) }'),
          alarm('Alarm'),
        ),
      },
    },
    {
      name: 'a term pattern naming the events',
      files: {
        'template.yaml': template(
          filter('Filter', '?DeleteGroupPolicy ?DeleteRolePolicy ?DeleteUserPolicy ?PutGroupPolicy ?PutRolePolicy ?PutUserPolicy ?CreatePolicy ?DeletePolicy ?AttachRolePolicy ?DetachRolePolicy ?AttachUserPolicy ?DetachUserPolicy'),
          alarm('Alarm'),
        ),
      },
    },
    {
      name: 'two filters with alarms that cover the set between them',
      files: {
        'template.yaml': template(
          filter('InlineFilter', '{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)}', 'InlinePolicyChanges'),
          alarm('InlineAlarm', 'InlinePolicyChanges'),
          filter('ManagedFilter', '{($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)}', 'AttachmentChanges'),
          alarm('ManagedAlarm', 'AttachmentChanges'),
        ),
      },
    },
    { name: 'Terraform: the CIS filter with an alarm naming its metric', files: { 'main.tf': terraform(true) } },
    { name: 'a pattern from a parameter is unknown', files: { 'template.yaml': template(filter('Filter', '!Ref Pattern'), alarm('Alarm')) } },
    {
      name: 'a trail that does not send to CloudWatch Logs',
      files: { 'template.yaml': ['Resources:', '  Trail:', '    Type: AWS::CloudTrail::Trail', '    Properties:', '      IsLogging: true', '      S3BucketName: audit-logs', ''].join('\n') },
    },
    {
      name: 'an alarm on a metric math expression naming the metric',
      files: {
        'template.yaml': template(filter('Filter', CIS_PATTERN), [
          '  Alarm:',
          '    Type: AWS::CloudWatch::Alarm',
          '    Properties:',
          '      EvaluationPeriods: 1',
          '      Threshold: 1',
          '      ComparisonOperator: GreaterThanOrEqualToThreshold',
          '      Metrics:',
          '        - Id: m1',
          '          MetricStat:',
          '            Metric:',
          '              MetricName: IAMPolicyChanges',
          '              Namespace: CISBenchmark',
          '            Period: 300',
          '            Stat: Sum',
        ]),
      },
    },
    {
      name: 'the filter names the log group literally, the trail by ARN',
      files: {
        'template.yaml': [
          'Resources:',
          '  Trail:',
          '    Type: AWS::CloudTrail::Trail',
          '    Properties:',
          '      IsLogging: true',
          '      S3BucketName: audit-logs',
          '      CloudWatchLogsLogGroupArn: arn:aws:logs:us-east-1:111122223333:log-group:CloudTrail/audit:*',
          ...filter('Filter', CIS_PATTERN, 'IAMPolicyChanges', 'CloudTrail/audit'),
          ...alarm('Alarm'),
          '',
        ].join('\n'),
      },
    },
  ],
  invalid: [
    {
      name: 'no metric filter at all: points at the trail\'s log group setting',
      files: { 'template.yaml': template() },
      errors: [{ ...at, messageId: 'noFilter', endColumn: 55 }],
    },
    {
      name: 'the filter has no alarm',
      files: { 'template.yaml': template(filter('Filter', CIS_PATTERN)) },
      errors: [{ ...at, messageId: 'noAlarm', message: 'metric filter "Filter", but no alarm watches its metric "CISBenchmark/IAMPolicyChanges"' }],
    },
    {
      name: 'Terraform: the filter has no alarm',
      files: { 'main.tf': terraform(false) },
      errors: [{ resource: 'aws_cloudtrail.main', messageId: 'noAlarm', line: 7, column: 32, message: 'metric filter "aws_cloudwatch_log_metric_filter.iam_changes"' }],
    },
    {
      name: 'the alarm watches another namespace',
      files: { 'template.yaml': template(filter('Filter', CIS_PATTERN), alarm('Alarm', 'IAMPolicyChanges', 'Other')) },
      errors: [{ ...at, messageId: 'noAlarm' }],
    },
    {
      name: 'the alarm watches another metric',
      files: { 'template.yaml': template(filter('Filter', CIS_PATTERN), alarm('Alarm', 'RootUsage')) },
      errors: [{ ...at, messageId: 'noAlarm' }],
    },
    {
      name: 'a filter for a few of the events only',
      files: { 'template.yaml': template(filter('Filter', '{ ($.eventName = PutRolePolicy) || ($.eventName = AttachRolePolicy) }'), alarm('Alarm')) },
      errors: [{ ...at, messageId: 'partialFilter', message: 'match only 2 of the 16 IAM policy change events (missing "DeleteGroupPolicy", "DeleteRolePolicy", "DeleteUserPolicy" and 11 more)' }],
    },
    {
      name: 'a filter that excludes the events with !=',
      files: { 'template.yaml': template(filter('Filter', CIS_PATTERN.replace(/=/g, '!=').replace(/\|\|/g, '&&')), alarm('Alarm')) },
      errors: [{ ...at, messageId: 'noFilter' }],
    },
    {
      name: 'other CIS filters (root usage, unauthorized calls) do not count',
      files: {
        'template.yaml': template(
          filter('RootFilter', '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }', 'RootUsage'),
          alarm('RootAlarm', 'RootUsage'),
          filter('DeniedFilter', '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }', 'Unauthorized'),
          alarm('DeniedAlarm', 'Unauthorized'),
        ),
      },
      errors: [{ ...at, messageId: 'noFilter' }],
    },
    {
      name: 'a filter narrowed to the root user\'s changes misses everybody else\'s',
      files: { 'template.yaml': template(filter('Filter', `{ ($.userIdentity.type = "Root") && (${CIS_PATTERN.slice(1, -1)}) }`), alarm('Alarm')) },
      errors: [{ ...at, messageId: 'noFilter' }],
    },
    {
      name: 'a pattern that matches every event is not about IAM changes',
      files: { 'template.yaml': template(filter('Filter', '{ $.errorCode NOT EXISTS }'), alarm('Alarm')) },
      errors: [{ ...at, messageId: 'noFilter' }],
    },
    {
      name: 'the filter watches another log group',
      files: {
        'template.yaml': [
          'Resources:',
          '  Trail:',
          '    Type: AWS::CloudTrail::Trail',
          '    Properties:',
          '      IsLogging: true',
          '      S3BucketName: audit-logs',
          '      CloudWatchLogsLogGroupArn: arn:aws:logs:us-east-1:111122223333:log-group:CloudTrail/audit:*',
          ...filter('Filter', CIS_PATTERN, 'IAMPolicyChanges', 'app-logs'),
          ...alarm('Alarm'),
          '',
        ].join('\n'),
      },
      errors: [{ resource: 'Trail', line: 7, messageId: 'noFilter' }],
    },
  ],
});
