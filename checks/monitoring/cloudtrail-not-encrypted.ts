import { defineCheck } from '../../src/check.js';
import { textSetting } from '../../src/model/query.js';

export default defineCheck({
  meta: {
    id: 'cloudtrail-not-encrypted',
    severity: 'medium',
    category: 'monitoring',
    description: 'Require CloudTrail trails to encrypt their log files with a KMS key',
    messages: {
      noKmsKey:
        'This trail sets no KMS key, so its log files are protected only by S3-managed encryption and anyone allowed to read the bucket can read the recorded activity of every IAM identity; encrypt the logs with a customer managed KMS key.',
    },
    sources: {
      checkov: ['CKV_AWS_35'],
      other: ['Security Hub CloudTrail.2'],
    },
    references: [
      'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#keep-a-log',
    ],
  },
  run(ctx) {
    for (const trail of ctx.model.account.trails) {
      // An empty key id (`""`, a blank default) is no key; a parameter or a reference to a key is trusted.
      if (textSetting(trail.kmsKey).kind !== 'unset') continue;
      ctx.report({ node: { ref: trail.ref }, ...(trail.kmsKey ? { at: trail.kmsKey } : {}), messageId: 'noKmsKey' });
    }
  },
});
