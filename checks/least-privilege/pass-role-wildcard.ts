import { defineCheck } from '../../src/check.js';
import { spanOf } from '../../src/model/location.js';
import { actionPatternMatches } from '../../src/iam/index.js';
import type { Statement } from '../../src/model/policy.js';
import {
  allResourcesItem,
  coversAction,
  hasNarrowingCondition,
  isDeniedEverywhere,
  isIntendedAllow,
  literals,
} from '../../src/model/query.js';
import { scalarText } from '../../src/model/scalar.js';

const PASS_ROLE = 'iam:PassRole';

/** How the statement reaches iam:PassRole, as the message shows it. */
function grantText(st: Statement): string {
  if (st.action) {
    const via = literals(st.action).find((p) => actionPatternMatches(p, PASS_ROLE)) ?? PASS_ROLE;
    return via.trim().toLowerCase() === PASS_ROLE.toLowerCase() ? `"${via.trim()}"` : `"${via.trim()}" (which includes "${PASS_ROLE}")`;
  }
  return `"NotAction" (which leaves "${PASS_ROLE}" allowed)`;
}

export default defineCheck({
  meta: {
    id: 'pass-role-wildcard',
    severity: 'high',
    category: 'least-privilege',
    description: 'Disallow granting iam:PassRole on all resources without an iam:PassedToService condition',
    messages: {
      passRoleWildcard:
        '{{grant}} on "{{resource}}" without an "iam:PassedToService" condition lets a principal pass any role of the account, however privileged, to any service; name the roles and the service they are for.',
    },
    sources: {
      cfnNag: ['F38', 'F39', 'F40'],
    },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_PassedToService',
    ],
  },
  run(ctx) {
    for (const doc of ctx.model.documents) {
      // iam:PassRole is only ever granted by identity policies.
      if (doc.kind !== 'identity') continue;
      if (isDeniedEverywhere(doc.statements, PASS_ROLE)) continue;
      for (const st of doc.statements) {
        if (!isIntendedAllow(st) || !coversAction(st, PASS_ROLE)) continue;
        const resource = allResourcesItem(st.resource);
        if (!resource || !st.resource) continue;
        if (hasNarrowingCondition(st, 'iam:PassedToService')) continue;
        // The fix involves both the action and the resource, so the finding spans from one to the other.
        const grant = st.action ?? st.notAction;
        ctx.report({
          node: st,
          at: grant ? spanOf(grant.attrLoc, st.resource.attrLoc) : st.resource,
          path: ['Resource'],
          messageId: 'passRoleWildcard',
          data: { grant: grantText(st), resource: scalarText(resource) },
        });
      }
    }
  },
});
