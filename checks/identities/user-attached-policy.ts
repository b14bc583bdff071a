import { defineCheck } from '../../src/check.js';
import type { AttachmentTarget } from '../../src/model/entities.js';
import { spanOf, type Location } from '../../src/model/location.js';
import type { IamModel } from '../../src/model/model.js';
import { findIdentity, findPolicyResource } from '../../src/model/relations.js';
import { scalarText, type Scalar } from '../../src/model/scalar.js';
import { quoteList } from '../../src/check-text.js';

function userLabel(model: IamModel, t: AttachmentTarget): string {
  const u = findIdentity(model, 'user', t.value);
  if (u) return u.name?.kind === 'literal' ? u.name.value : u.ref.address;
  return t.value.kind === 'unknown' && t.value.ref ? t.value.ref.address : scalarText(t.value);
}

/** A policy as a reader knows it: the policy resource it refers to, or its ARN as written. */
function policyLabel(model: IamModel, s: Scalar): string {
  const p = findPolicyResource(model, s);
  if (p) return p.ref.address;
  return s.kind === 'unknown' && s.ref ? s.ref.address : scalarText(s);
}

function spanAll(locs: Location[]): Location | undefined {
  const [first, ...rest] = locs;
  if (!first) return undefined;
  return rest.reduce((acc, l) => (l.file === acc.file ? spanOf(acc, l) : acc), first);
}

export default defineCheck({
  meta: {
    id: 'user-attached-policy',
    severity: 'medium',
    category: 'identities',
    description: 'Disallow attaching managed policies directly to IAM users',
    messages: {
      userListsPolicies:
        'The user "{{user}}" has the managed {{policies}} attached directly; attach them to a group and add the user to it, so that access is managed by role rather than person by person.',
      attachedToUser:
        'This attaches the managed policy "{{policy}}" directly to the user {{users}}; attach it to a group the user belongs to instead, so that access is managed by role rather than person by person.',
    },
    sources: { checkov: ['CKV_AWS_40'], cfnNag: ['F12'], cdkNag: ['IAMUserNoPolicies'] },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups_manage_attach-policy.html',
    ],
  },
  run(ctx) {
    const { model } = ctx;
    for (const user of model.identities) {
      if (user.kind !== 'user') continue;
      const at = spanAll(user.managedPolicyArns.map((s) => s.loc));
      if (!at) continue;
      const names = [...new Set(user.managedPolicyArns.map((s) => policyLabel(model, s)))];
      ctx.report({
        node: { ref: user.ref },
        at,
        path: ['ManagedPolicyArns'],
        messageId: 'userListsPolicies',
        data: { user: user.name?.kind === 'literal' ? user.name.value : user.ref.address, policies: `${names.length === 1 ? 'policy' : 'policies'} ${quoteList(names)}` },
      });
    }
    // Attachment resources (`aws_iam_user_policy_attachment`, `aws_iam_policy_attachment` with users): one finding each.
    const byRef = new Map<string, { first: (typeof model.attachments)[number]; locs: Location[]; users: string[] }>();
    for (const a of model.attachments) {
      if (a.target.kind !== 'user') continue;
      const entry = byRef.get(a.ref.address) ?? { first: a, locs: [], users: [] };
      entry.locs.push(a.target.loc);
      const label = userLabel(model, a.target);
      if (!entry.users.includes(label)) entry.users.push(label);
      byRef.set(a.ref.address, entry);
    }
    for (const { first, locs, users } of byRef.values()) {
      ctx.report({
        node: { ref: first.ref },
        at: spanAll(locs) ?? first.loc,
        path: ['users'],
        messageId: 'attachedToUser',
        data: { policy: policyLabel(model, first.policy), users: quoteList(users) },
      });
    }
    // A customer managed policy that names users itself (`AWS::IAM::ManagedPolicy` with `Users`).
    for (const p of model.policies) {
      if (p.kind !== 'managed') continue;
      const users = p.targets.filter((t) => t.kind === 'user');
      const at = spanAll(users.map((t) => t.loc));
      if (!at) continue;
      ctx.report({
        node: { ref: p.ref },
        at,
        path: ['Users'],
        messageId: 'attachedToUser',
        data: { policy: p.name ? scalarText(p.name) : p.ref.address, users: quoteList([...new Set(users.map((t) => userLabel(model, t)))]) },
      });
    }
  },
});
