import { defineCheck } from '../../src/check.js';
import { CREDENTIALS_EXPOSURE_ACTIONS } from '../../src/iam/index.js';
import { reportUnconstrainedGrants } from './risky-action-grants.js';

export default defineCheck({
  meta: {
    id: 'credentials-exposure',
    severity: 'high',
    category: 'least-privilege',
    description: 'Disallow actions that create, reveal or reset credentials on all resources',
    messages: {
      credentialsExposure:
        'This statement allows {{actions}} on "{{resource}}" without a constraining condition, so a principal can obtain credentials (access keys, passwords, tokens) of other users, databases or instances; name the resources the workload needs.',
    },
    sources: {
      checkov: ['CKV_AWS_107', 'CKV_AWS_287'],
      parliament: ['CREDENTIALS_EXPOSURE'],
    },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html',
    ],
  },
  run(ctx) {
    reportUnconstrainedGrants(ctx, CREDENTIALS_EXPOSURE_ACTIONS, 'credentialsExposure');
  },
});
