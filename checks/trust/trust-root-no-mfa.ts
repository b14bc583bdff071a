import { defineCheck } from '../../src/check.js';
import type { Identity } from '../../src/model/entities.js';
import type { IamModel } from '../../src/model/model.js';
import type { Statement } from '../../src/model/policy.js';
import { isIntendedAllow, principalAccount, privilegedGrantReason, privilegedManagedPolicy, requiresMfa } from '../../src/model/query.js';
import { attachedPolicyArns, documentsOf } from '../../src/model/relations.js';
import { scalarText } from '../../src/model/scalar.js';
import type { Location } from '../../src/model/location.js';

/** Why the role is worth protecting, and where that power is granted, or undefined for an unprivileged role. */
function privilegeOf(model: IamModel, role: Identity): { reason: string; loc: Location } | undefined {
  for (const arn of attachedPolicyArns(model, role)) {
    const name = privilegedManagedPolicy(arn);
    if (name) return { reason: `the AWS managed policy "${name}"`, loc: arn.loc };
  }
  for (const doc of documentsOf(model, role)) {
    for (const st of doc.statements) {
      const reason = privilegedGrantReason(st);
      if (reason) return { reason, loc: st.loc };
    }
  }
  return undefined;
}

/** The AWS principals of the statement that stand for a whole account (its root: every identity of the account). */
function rootPrincipals(st: Statement): string[] {
  return (st.principal?.entries ?? [])
    .filter((p) => {
      if (p.type !== 'AWS') return false;
      const where = principalAccount(p.value);
      return (where?.kind === 'account' || where?.kind === 'this-account') && where.root;
    })
    .map((p) => scalarText(p.value));
}

export default defineCheck({
  meta: {
    id: 'trust-root-no-mfa',
    severity: 'low',
    category: 'trust',
    description: 'Require MFA when a whole account may assume a privileged role',
    messages: {
      rootNoMfa:
        'This trust policy lets every identity of account {{principals}} that is allowed to call sts:AssumeRole take on a role holding {{privilege}}, without requiring MFA; add a "Bool" "aws:MultiFactorAuthPresent": "true" condition, or trust specific roles instead of the account.',
    },
    sources: {},
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-accounts',
    ],
  },
  run(ctx) {
    for (const role of ctx.model.identities) {
      if (role.kind !== 'role' || !role.trust) continue;
      const offending = role.trust.statements.filter((st) => isIntendedAllow(st) && !requiresMfa(st) && rootPrincipals(st).length > 0);
      if (offending.length === 0) continue;
      const privilege = privilegeOf(ctx.model, role);
      if (!privilege) continue;
      for (const st of offending) {
        const principals = rootPrincipals(st);
        ctx.report({
          node: st,
          at: st.principal?.attrLoc ?? st.loc,
          path: ['Principal'],
          messageId: 'rootNoMfa',
          data: { principals: principals.map((p) => `"${p}"`).join(', '), privilege: privilege.reason },
          related: [{ loc: privilege.loc, message: `grants ${privilege.reason}` }],
        });
      }
    }
  },
});
