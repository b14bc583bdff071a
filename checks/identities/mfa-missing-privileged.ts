import { defineCheck } from '../../src/check.js';
import type { AdminManagedPolicy } from '../../src/iam/index.js';
import type { Identity } from '../../src/model/entities.js';
import type { Location } from '../../src/model/location.js';
import type { IamModel } from '../../src/model/model.js';
import type { Statement } from '../../src/model/policy.js';
import { adminManagedPolicyOf, adminOrIamWriteGrant, isMfaEnforcingDeny, requiresMfa } from '../../src/model/query.js';
import { documentsOf, findIdentity, groupsOf, membersOf } from '../../src/model/relations.js';
import type { ResourceRef } from '../../src/model/resource-ref.js';
import type { Scalar } from '../../src/model/scalar.js';

function label(i: Identity): string {
  return `${i.kind} "${i.name?.kind === 'literal' ? i.name.value : i.ref.address}"`;
}

function listOf(values: string[]): string {
  return values.length > 3 ? `${values.slice(0, 3).join(', ')} and ${values.length - 3} more` : values.join(', ');
}

function hasMfaDeny(model: IamModel, identity: Identity): boolean {
  return documentsOf(model, identity).some((d) => d.statements.some(isMfaEnforcingDeny));
}

/**
 * Whether MFA is enforced on the human identity by a Deny: on the user itself or one of its groups; for a group, on
 * the group, or on every member when all its members are known (none named only by a membership to an undefined user).
 */
function mfaEnforced(model: IamModel, identity: Identity): boolean {
  if (hasMfaDeny(model, identity)) return true;
  if (identity.kind === 'user') return groupsOf(model, identity).some((g) => hasMfaDeny(model, g));
  const members = membersOf(model, identity);
  const unresolved = model.memberships.some((m) => findIdentity(model, 'group', m.group) === identity && !findIdentity(model, 'user', m.user));
  return members.length > 0 && !unresolved && members.every((u) => mfaEnforced(model, u));
}

interface Grant {
  privilege: string;
  identities: string[];
}

export default defineCheck({
  meta: {
    id: 'mfa-missing-privileged',
    severity: 'high',
    category: 'mfa',
    description: 'Require MFA for administrator and IAM-write permissions given to IAM users and groups',
    messages: {
      statementNoMfa:
        'This statement grants {{privilege}} to the {{identities}} without an "aws:MultiFactorAuthPresent" or "aws:MultiFactorAuthAge" condition, and no MFA-enforcing Deny ("BoolIfExists" ... "false") applies to them; a leaked password or access key alone is enough to use it.',
      managedNoMfa:
        'The AWS managed policy "{{policy}}" gives the {{identities}} administrator-class power without MFA, and no MFA-enforcing Deny ("BoolIfExists" "aws:MultiFactorAuthPresent": "false") applies to them; a leaked password or access key alone is enough to use it.',
    },
    sources: {},
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_iam_mfa-selfmanage.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent',
    ],
  },
  run(ctx) {
    const { model } = ctx;
    const statements = new Map<Statement, Grant>();
    const managed = new Map<string, { owner: ResourceRef; arn: Scalar; policy: AdminManagedPolicy; identities: string[] }>();
    const addManaged = (owner: ResourceRef, arn: Scalar, who: string): void => {
      const policy = adminManagedPolicyOf(arn);
      if (!policy) return;
      const loc: Location = arn.loc;
      const key = `${owner.address}\u0000${loc.file}:${loc.line}:${loc.column}`;
      const entry = managed.get(key) ?? { owner, arn, policy, identities: [] };
      if (!entry.identities.includes(who)) entry.identities.push(who);
      managed.set(key, entry);
    };

    for (const identity of model.identities) {
      if (identity.kind !== 'user' && identity.kind !== 'group') continue;
      if (mfaEnforced(model, identity)) continue;
      const who = label(identity);
      for (const doc of documentsOf(model, identity)) {
        for (const st of doc.statements) {
          if (requiresMfa(st)) continue;
          const privilege = adminOrIamWriteGrant(st);
          if (!privilege) continue;
          const entry = statements.get(st) ?? { privilege, identities: [] };
          if (!entry.identities.includes(who)) entry.identities.push(who);
          statements.set(st, entry);
        }
      }
      for (const arn of identity.managedPolicyArns) addManaged(identity.ref, arn, who);
      for (const a of model.attachments) {
        if (a.target.kind === identity.kind && findIdentity(model, identity.kind, a.target.value) === identity) addManaged(a.ref, a.policy, who);
      }
    }

    for (const [st, grant] of statements) {
      const at = st.action ?? st.notAction;
      ctx.report({
        node: st,
        ...(at ? { at } : {}),
        messageId: 'statementNoMfa',
        data: { privilege: grant.privilege, identities: listOf(grant.identities) },
      });
    }
    for (const m of managed.values()) {
      ctx.report({ node: { ref: m.owner }, at: m.arn, messageId: 'managedNoMfa', data: { policy: m.policy.name, identities: listOf(m.identities) } });
    }
  },
});
