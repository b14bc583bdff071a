import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { PARTNER_ACCOUNT_ID } from '../config';

export interface SecureBucketProps {
  readonly encryptionKey: kms.IKey;
  /** Lets the partner account read the exports prefix. */
  readonly shareWithPartner?: boolean;
}

/** A KMS-encrypted bucket that refuses plain HTTP, optionally shared with the partner account. */
export class SecureBucket extends Construct {
  public readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);

    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.encryptionKey,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    });

    if (props.shareWithPartner) {
      // MISTAKE: every S3 action for the partner account (wildcard-action), instead of read on the exports prefix.
      this.bucket.addToResourcePolicy(
        new iam.PolicyStatement({
          actions: ['s3:*'],
          principals: [new iam.AccountPrincipal(PARTNER_ACCOUNT_ID)],
          resources: [this.bucket.bucketArn, this.bucket.arnForObjects('exports/*')],
        }),
      );
    }
  }
}
