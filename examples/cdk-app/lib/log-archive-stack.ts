import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/** A nested stack for the log archive, written with L1 constructs by the platform team. */
export class LogArchiveStack extends cdk.NestedStack {
  constructor(scope: Construct, id: string, props?: cdk.NestedStackProps) {
    super(scope, id, props);

    // MISTAKE: any AWS principal may assume the reader role (trust-any-principal).
    const reader = new iam.CfnRole(this, 'ArchiveReader', {
      assumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }],
      },
      policies: [
        {
          policyName: 'read-archive',
          policyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::log-archive', 'arn:aws:s3:::log-archive/*'] }],
          },
        },
      ],
    });

    // MISTAKE: full administrator rights for the reader role (admin-access).
    new iam.CfnPolicy(this, 'ArchiveAdmin', {
      policyName: 'archive-admin',
      roles: [reader.ref],
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
      },
    });
  }
}
