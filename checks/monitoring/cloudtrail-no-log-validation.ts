import { defineCheck } from '../../src/check.js';
import { reportTrailFlagOff } from './trail-flag.js';

export default defineCheck({
  meta: {
    id: 'cloudtrail-no-log-validation',
    severity: 'medium',
    category: 'monitoring',
    description: 'Require log file integrity validation on CloudTrail trails',
    messages: {
      disabled:
        'This trail turns log file validation off ("{{value}}"), so nobody can prove that its log files were not altered or deleted after delivery, for example by an intruder hiding their IAM activity; enable log file validation.',
      unset:
        'This trail does not enable log file validation (it is off by default), so nobody can prove that its log files were not altered or deleted after delivery, for example by an intruder hiding their IAM activity; enable log file validation.',
    },
    sources: {
      checkov: ['CKV_AWS_36'],
      other: ['Security Hub CloudTrail.4'],
    },
    references: [
      'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#keep-a-log',
    ],
  },
  run(ctx) {
    reportTrailFlagOff(ctx, 'logFileValidation');
  },
});
