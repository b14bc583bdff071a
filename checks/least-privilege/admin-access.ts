import { defineCheck } from '../../src/check.js';
import { allActionsItem, allResourcesItem, isGrantingDocument, isIntendedAllow } from '../../src/model/query.js';
import { scalarText } from '../../src/model/scalar.js';

export default defineCheck({
  meta: {
    id: 'admin-access',
    severity: 'critical',
    category: 'least-privilege',
    description: 'Disallow Allow statements that grant every action on every resource',
    messages: {
      adminAccess:
        'This statement allows "{{action}}" on "{{resource}}", full administrator access that also lets its holder grant itself anything else; grant only the actions and resources the workload needs.',
    },
    sources: {
      checkov: ['CKV_AWS_1', 'CKV_AWS_62'],
      cdkNag: ['IAMPolicyNoStatementsWithAdminAccess'],
    },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html',
    ],
  },
  run(ctx) {
    for (const doc of ctx.model.documents) {
      if (!isGrantingDocument(doc)) continue;
      for (const st of doc.statements) {
        if (!isIntendedAllow(st) || !st.action) continue;
        // Conditions do not matter: an administrator with a condition is still an administrator.
        const action = allActionsItem(st.action);
        const resource = allResourcesItem(st.resource);
        if (!action || !resource) continue;
        ctx.report({
          node: st,
          at: st.action,
          path: ['Action'],
          messageId: 'adminAccess',
          data: { action: scalarText(action), resource: scalarText(resource) },
        });
      }
    }
  },
});
