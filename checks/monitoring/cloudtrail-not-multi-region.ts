import { defineCheck } from '../../src/check.js';
import { reportTrailFlagOff } from './trail-flag.js';

export default defineCheck({
  meta: {
    id: 'cloudtrail-not-multi-region',
    severity: 'medium',
    category: 'monitoring',
    description: 'Require CloudTrail trails to record events in every region',
    messages: {
      disabled:
        'This trail turns multi-region logging off ("{{value}}"), so API calls made in any other region, by an attacker using stolen IAM credentials too, are never recorded; make it a multi-region trail.',
      unset:
        'This trail does not enable multi-region logging (a trail is single-region by default), so API calls made in any other region, by an attacker using stolen IAM credentials too, are never recorded; make it a multi-region trail.',
    },
    sources: {
      checkov: ['CKV_AWS_67'],
      other: ['Security Hub CloudTrail.1'],
    },
    references: [
      'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-concepts.html#cloudtrail-concepts-regional-and-multi-region-trails',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#keep-a-log',
    ],
  },
  run(ctx) {
    reportTrailFlagOff(ctx, 'multiRegion');
  },
});
