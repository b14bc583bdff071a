import { defineCheck } from '../../src/check.js';
import { DATA_EXFILTRATION_ACTIONS } from '../../src/iam/index.js';
import { allResourcesItem, grantsUnconstrained, isDeniedEverywhere } from '../../src/model/query.js';
import { scalarText } from '../../src/model/scalar.js';
import { quoteList } from '../../src/check-text.js';

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
    for (const doc of ctx.model.documents) {
      // In a resource policy (a KMS key policy, a bucket policy) `"*"` means the resource itself; trust policies,
      // boundaries and SCPs grant no data access. Only identity policies reach "every resource of the account".
      if (doc.kind !== 'identity') continue;
      for (const st of doc.statements) {
        const element = st.action ?? st.notAction;
        const resource = allResourcesItem(st.resource);
        if (!element || !resource) continue;
        const granted = DATA_EXFILTRATION_ACTIONS.filter((a) => grantsUnconstrained(st, a) && !isDeniedEverywhere(doc.statements, a));
        if (granted.length === 0) continue;
        ctx.report({
          node: st,
          at: element,
          path: [st.action ? 'Action' : 'NotAction'],
          messageId: 'dataExfiltration',
          data: { actions: quoteList(granted), resource: scalarText(resource) },
        });
      }
    }
  },
});
