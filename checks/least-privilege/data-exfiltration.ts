import { defineCheck } from '../../src/check.js';
import { DATA_EXFILTRATION_ACTIONS } from '../../src/iam/index.js';
import { reportUnconstrainedGrants } from './risky-action-grants.js';

export default defineCheck({
  meta: {
    id: 'data-exfiltration',
    severity: 'high',
    category: 'least-privilege',
    description: 'Disallow reading secret-bearing data (objects, parameters, secrets, decrypted content, table items) on all resources',
    messages: {
      dataExfiltration:
        'This statement allows {{actions}} on "{{resource}}" without a constraining condition, so a principal can read every object, parameter, secret or record of that kind in the account; name the resources the workload needs.',
    },
    sources: {
      checkov: ['CKV_AWS_108', 'CKV_AWS_288'],
    },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/introduction_attribute-based-access-control.html',
    ],
  },
  run(ctx) {
    reportUnconstrainedGrants(ctx, DATA_EXFILTRATION_ACTIONS, 'dataExfiltration');
  },
});
