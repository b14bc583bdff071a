import { defineCheck } from '../../src/check.js';
import type { AttachmentTarget } from '../../src/model/entities.js';
import { spanOf, type Location } from '../../src/model/location.js';
import type { IamModel } from '../../src/model/model.js';
import type { PolicyDocument } from '../../src/model/policy.js';
import { findIdentity } from '../../src/model/relations.js';
import { scalarText } from '../../src/model/scalar.js';
import { quoteList } from '../../src/check-text.js';

/** The user a target names: its name, or its address when it has no literal name, or the value as written. */
function userLabel(model: IamModel, t: AttachmentTarget): string {
  const u = findIdentity(model, 'user', t.value);
  if (u) return u.name?.kind === 'literal' ? u.name.value : u.ref.address;
  return t.value.kind === 'unknown' && t.value.ref ? t.value.ref.address : scalarText(t.value);
}

/** The span covering all the locations (same file), or the first one. */
function spanAll(locs: Location[]): Location | undefined {
  const [first, ...rest] = locs;
  if (!first) return undefined;
  return rest.reduce((acc, l) => (l.file === acc.file ? spanOf(acc, l) : acc), first);
}

/** An inline policy as declared: its name and document together when both are in the same file. */
function declarationSpan(doc: PolicyDocument): Location {
  return doc.name && doc.name.loc.file === doc.loc.file ? spanOf(doc.name.loc, doc.loc) : doc.loc;
}

export default defineCheck({
  meta: {
    id: 'user-inline-policy',
    severity: 'medium',
    category: 'identities',
    description: 'Disallow inline policies on IAM users',
    messages: {
      inlineOnUser:
        'The user "{{user}}" carries the inline policy {{policy}} of its own; grant permissions through a group the user belongs to, so that access is managed by role rather than person by person.',
      policyOnUser:
        'This inline policy is embedded in the user {{users}}; attach it to a group instead and add the user to that group, so that access is managed by role rather than person by person.',
    },
    sources: { checkov: ['CKV_AWS_40'], cfnNag: ['F10', 'F11'], cdkNag: ['IAMNoInlinePolicy', 'IAMUserNoPolicies'] },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html',
    ],
  },
  run(ctx) {
    const { model } = ctx;
    for (const user of model.identities) {
      if (user.kind !== 'user') continue;
      const label = user.name?.kind === 'literal' ? user.name.value : user.ref.address;
      for (const doc of user.inlinePolicies) {
        ctx.report({
          node: doc,
          at: declarationSpan(doc),
          messageId: 'inlineOnUser',
          data: { user: label, policy: doc.name ? `"${scalarText(doc.name)}"` : 'without a name' },
        });
      }
    }
    for (const p of model.policies) {
      if (p.kind !== 'inline') continue;
      const users = p.targets.filter((t) => t.kind === 'user');
      const at = spanAll(users.map((t) => t.loc));
      if (!at) continue;
      const names = [...new Set(users.map((t) => userLabel(model, t)))];
      ctx.report({ node: { ref: p.ref }, at, path: ['Users'], messageId: 'policyOnUser', data: { users: quoteList(names) } });
    }
  },
});
