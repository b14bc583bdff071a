import { defineCheck } from '../../src/check.js';
import { isBroadActionWildcard, isGrantingDocument, isIntendedAllow } from '../../src/model/query.js';
import { scalarText } from '../../src/model/scalar.js';
import { quoteList } from '../../src/check-text.js';

export default defineCheck({
  meta: {
    id: 'wildcard-action',
    severity: 'high',
    category: 'least-privilege',
    description: 'Disallow Allow statements whose Action wildcards reach actions that change resources or permissions',
    messages: {
      wildcardAction:
        'The Action element grants {{values}}, wildcards that include actions which change resources or permissions, and any such action AWS adds later; list the actions the workload needs instead.',
    },
    sources: {
      checkov: ['CKV_AWS_49', 'CKV_AWS_63', 'CKV_AWS_72'],
      cfnNag: ['F2', 'F3', 'F4', 'F5', 'F15', 'F20'],
      cdkNag: ['IAMPolicyNoStatementsWithFullAccess', 'AwsSolutions-IAM5'],
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
        const broad = st.action.items.filter(isBroadActionWildcard).map(scalarText);
        if (broad.length === 0) continue;
        ctx.report({ node: st, at: st.action, path: ['Action'], messageId: 'wildcardAction', data: { values: quoteList(broad) } });
      }
    }
  },
});
