import { defineCheck, type RelatedInput } from '../../src/check.js';
import { enforcesConsoleMfa } from '../../src/model/query.js';
import { findIdentity, loginProfilesOf, mfaDevicesOf } from '../../src/model/relations.js';
import { scalarText } from '../../src/model/scalar.js';
import { unitName } from '../../src/check-text.js';

export default defineCheck({
  meta: {
    id: 'user-console-no-mfa',
    severity: 'medium',
    category: 'mfa',
    description: 'Require MFA for IAM users that can sign in to the console',
    messages: {
      consoleNoMfa:
        'The user "{{user}}" gets a console password, but this {{unit}} gives it no MFA device and has no policy that denies access without MFA; a stolen or guessed password alone is enough to sign in.',
    },
    sources: { checkov: ['CKV2_AWS_22'] },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_iam_mfa-selfmanage.html',
    ],
  },
  run(ctx) {
    const { model } = ctx;
    if (model.documents.some((d) => d.statements.some(enforcesConsoleMfa))) return;
    const unit = unitName(model.unit.kind);
    for (const user of model.identities) {
      if (user.kind !== 'user') continue;
      const profiles = loginProfilesOf(model, user);
      if (!user.loginProfile && profiles.length === 0) continue;
      if (mfaDevicesOf(model, user).length > 0) continue;
      const related: RelatedInput[] = profiles.map((p) => ({ loc: p.ref.loc, message: `console password given by ${p.ref.address}` }));
      ctx.report({
        node: { ref: user.ref },
        ...(user.loginProfile ? { at: user.loginProfile.loc } : {}),
        ...(related.length ? { related } : {}),
        messageId: 'consoleNoMfa',
        data: { user: user.name?.kind === 'literal' ? user.name.value : user.ref.address, unit },
      });
    }
    // A login profile for a user the unit does not define: the password is still created here.
    for (const p of model.loginProfiles) {
      if (findIdentity(model, 'user', p.user)) continue;
      // A device bound to the same literal name, or to a value that names no user of the unit, may be this user's.
      const boundToIt = model.mfaDevices.some((d) =>
        d.users.some((u) => (u.kind === 'literal' ? p.user.kind === 'literal' && u.value === p.user.value : !findIdentity(model, 'user', u))),
      );
      if (boundToIt) continue;
      ctx.report({ node: { ref: p.ref }, messageId: 'consoleNoMfa', data: { user: scalarText(p.user), unit } });
    }
  },
});
