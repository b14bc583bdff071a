import type { AdminManagedPolicy } from '../../src/iam/index.js';
import { defineCheck } from '../../src/check.js';
import type { AttachmentTarget, Identity } from '../../src/model/entities.js';
import type { IamModel } from '../../src/model/model.js';
import { adminManagedPolicyOf } from '../../src/model/query.js';
import { findIdentity } from '../../src/model/relations.js';
import { scalarText } from '../../src/model/scalar.js';

/** What the policy's power class amounts to, for the message. */
const POWER: Record<AdminManagedPolicy['power'], string> = {
  admin: 'every action on every resource',
  'iam-full': 'every IAM action, enough to grant itself any permission',
  'power-user': 'every action outside IAM and Organizations, usually enough to reach administrator through existing roles',
  'organizations-full': 'control of the organization, its accounts and its SCPs',
  'other-privileged': 'near-administrator power',
};

function identityLabel(i: Identity): string {
  return `${i.kind} "${i.name?.kind === 'literal' ? i.name.value : i.ref.address}"`;
}

function targetLabel(model: IamModel, t: AttachmentTarget): string {
  const shown = t.value.kind === 'unknown' && t.value.ref ? t.value.ref.address : scalarText(t.value);
  if (t.kind === 'permission-set') return `permission set "${shown}"`;
  const found = findIdentity(model, t.kind, t.value);
  return found ? identityLabel(found) : `${t.kind} "${shown}"`;
}

export default defineCheck({
  meta: {
    id: 'managed-admin-policy',
    severity: 'high',
    category: 'least-privilege',
    description: 'Disallow attaching AWS managed policies that grant administrator or full IAM power',
    messages: {
      adminPolicy:
        'The AWS managed policy "{{policy}}" attached to the {{target}} grants {{power}}; attach a customer managed policy that allows only the actions and resources it needs.',
    },
    sources: { checkov: ['CKV_AWS_274'], cfnNag: ['W43', 'W44'] },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_job-functions.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html',
      'https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html',
    ],
  },
  run(ctx) {
    const { model } = ctx;
    for (const identity of model.identities) {
      identity.managedPolicyArns.forEach((arn, i) => {
        const policy = adminManagedPolicyOf(arn);
        if (!policy) return;
        ctx.report({
          node: { ref: identity.ref },
          at: arn,
          path: ['ManagedPolicyArns', i],
          messageId: 'adminPolicy',
          data: { policy: policy.name, target: identityLabel(identity), power: POWER[policy.power] },
        });
      });
    }
    // One attachment resource may name several identities (`aws_iam_policy_attachment`): one finding, naming them all.
    const byAttachment = new Map<string, { first: (typeof model.attachments)[number]; policy: AdminManagedPolicy; targets: string[] }>();
    for (const a of model.attachments) {
      const policy = adminManagedPolicyOf(a.policy);
      if (!policy) continue;
      const key = `${a.ref.address}\u0000${a.policy.loc.file}:${a.policy.loc.line}:${a.policy.loc.column}`;
      const entry = byAttachment.get(key) ?? { first: a, policy, targets: [] };
      const label = targetLabel(model, a.target);
      if (!entry.targets.includes(label)) entry.targets.push(label);
      byAttachment.set(key, entry);
    }
    for (const { first, policy, targets } of byAttachment.values()) {
      ctx.report({
        node: { ref: first.ref },
        at: first.policy,
        path: ['policy'],
        messageId: 'adminPolicy',
        data: { policy: policy.name, target: targets.join(', '), power: POWER[policy.power] },
      });
    }
  },
});
