import { defineCheck } from '../../src/check.js';
import type { PolicyKind } from '../../src/model/policy.js';

/** How the messages name a policy kind. */
const KIND_NAMES: Record<PolicyKind, string> = {
  identity: 'an identity-based policy',
  boundary: 'a permissions boundary',
  scp: 'a service control policy',
  resource: 'a resource-based policy',
  trust: 'a role trust policy',
};

export default defineCheck({
  meta: {
    id: 'principal-in-identity-policy',
    severity: 'high',
    category: 'validity',
    description: 'Disallow Principal in identity-based policies and require it in every statement of a resource-based or trust policy',
    messages: {
      principalInIdentityPolicy:
        'This statement of {{kind}} has a "{{element}}" element, which AWS rejects there: the policy applies to the identity it is attached to; remove "{{element}}" or move the statement to a resource-based policy.',
      missingPrincipal:
        'This statement of {{kind}} has no "Principal", which AWS rejects: a resource-based or trust policy must name who each statement applies to.',
      mixedPrincipal:
        'This statement has no "Principal" while other statements of the policy have one: a resource-based policy needs a Principal in every statement and an identity-based policy allows none, so AWS rejects the policy either way.',
    },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_identity-vs-resource.html',
    ],
  },
  run(ctx) {
    for (const doc of ctx.model.documents) {
      const kind = KIND_NAMES[doc.kind];
      if (doc.kind === 'identity' || doc.kind === 'boundary' || doc.kind === 'scp') {
        for (const st of doc.statements) {
          const block = st.principal ?? st.notPrincipal;
          if (!block) continue;
          const element = st.principal ? 'Principal' : 'NotPrincipal';
          ctx.report({ node: st, at: block.attrLoc, path: [element], messageId: 'principalInIdentityPolicy', data: { kind, element } });
        }
        continue;
      }
      // Resource and trust policies: every statement names its principal. A plain policy file is a resource or
      // trust policy only because some statement has a Principal, so there the others are the odd ones out.
      for (const st of doc.statements) {
        if (st.principal || st.notPrincipal) continue;
        ctx.report({ node: st, messageId: doc.kindInferred ? 'mixedPrincipal' : 'missingPrincipal', data: { kind } });
      }
    }
  },
});
