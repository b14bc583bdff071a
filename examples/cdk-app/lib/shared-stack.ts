import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { AUDIT_ACCOUNT_ID, PARTNER_ACCOUNT_ID } from './config';
import { BreakGlassAccess, SecureBucket } from './constructs';
import { LogArchiveStack } from './log-archive-stack';

/** Data, messaging and access shared by the other stacks. */
export class SharedStack extends cdk.Stack {
  public readonly dataBucket: s3.IBucket;
  public readonly key: kms.Key;

  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);

    // CDK's default key policy gives the account root kms:* (flagged by wildcard-action).
    this.key = new kms.Key(this, 'DataKey', { enableKeyRotation: true });
    // MISTAKE: CloudWatch Logs may use the key for any log group of any account (resource-policy-service-no-source).
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:GenerateDataKey*'],
        principals: [new iam.ServicePrincipal('logs.amazonaws.com')],
        resources: ['*'],
      }),
    );

    const data = new SecureBucket(this, 'Data', { encryptionKey: this.key, shareWithPartner: true });
    this.dataBucket = data.bucket;

    // MISTAKE: anyone on the internet may read the public/ prefix (resource-policy-public).
    const reports = new s3.Bucket(this, 'ReportsBucket', { enforceSSL: true });
    reports.addToResourcePolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject'],
        principals: [new iam.AnyPrincipal()],
        resources: [reports.arnForObjects('public/*')],
      }),
    );

    // MISTAKE: EventBridge may publish from any rule of any account (resource-policy-service-no-source).
    const alerts = new sns.Topic(this, 'AlertsTopic');
    alerts.addToResourcePolicy(
      new iam.PolicyStatement({
        actions: ['sns:Publish'],
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        resources: [alerts.topicArn],
      }),
    );

    // Correct: the queue accepts messages from the alerts topic only.
    const ingest = new sqs.Queue(this, 'IngestQueue', { enforceSSL: true });
    ingest.addToResourcePolicy(
      new iam.PolicyStatement({
        actions: ['sqs:SendMessage'],
        principals: [new iam.ServicePrincipal('sns.amazonaws.com')],
        resources: [ingest.queueArn],
        conditions: { ArnEquals: { 'aws:SourceArn': alerts.topicArn } },
      }),
    );

    // MISTAKE: the audit account may assume this role without an external id (trust-cross-account-no-external-id).
    new iam.Role(this, 'AuditRole', {
      assumedBy: new iam.AccountPrincipal(AUDIT_ACCOUNT_ID),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('SecurityAudit')],
    });

    // Correct: the partner role requires the agreed external id.
    const partner = new iam.Role(this, 'PartnerRole', {
      assumedBy: new iam.AccountPrincipal(PARTNER_ACCOUNT_ID).withConditions({
        StringEquals: { 'sts:ExternalId': 'partner-7f3a9c' },
      }),
    });
    data.bucket.grantRead(partner, 'exports/*');

    new BreakGlassAccess(this, 'BreakGlass', { alarmEmail: 'security@example.com' });

    new LogArchiveStack(this, 'LogArchive');
  }
}
