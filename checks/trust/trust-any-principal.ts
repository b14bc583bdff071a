import { defineCheck } from '../../src/check.js';
import { isConstrained, isIntendedAllow, isPublicPrincipal } from '../../src/model/query.js';
import { scalarText } from '../../src/model/scalar.js';

export default defineCheck({
  meta: {
    id: 'trust-any-principal',
    severity: 'critical',
    category: 'trust',
    description: 'Disallow role trust policies that let any principal assume the role',
    messages: {
      anyPrincipal:
        'This trust policy lets {{principal}} assume the role with no condition that narrows who, so an identity in any AWS account can take on its permissions; name the trusted principals or add a condition such as "aws:PrincipalOrgID" or "sts:ExternalId".',
    },
    sources: {
      checkov: ['CKV_AWS_60'],
    },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html',
    ],
  },
  run(ctx) {
    for (const doc of ctx.model.documents) {
      if (doc.kind !== 'trust') continue;
      for (const st of doc.statements) {
        if (!isIntendedAllow(st) || !st.principal) continue;
        const open = st.principal.entries.find(isPublicPrincipal);
        if (!open || isConstrained(st)) continue;
        ctx.report({
          node: st,
          at: st.principal.attrLoc,
          path: ['Principal'],
          messageId: 'anyPrincipal',
          data: { principal: `"${scalarText(open.value)}"` },
        });
      }
    }
  },
});
