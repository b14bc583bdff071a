import { defineCheck } from '../../src/check.js';
import type { PrincipalEntry } from '../../src/model/policy.js';
import { hasCrossAccountGuard, isIntendedAllow, isPrincipalDenied, principalAccount } from '../../src/model/query.js';
import { scalarText } from '../../src/model/scalar.js';
import { quoteList } from '../../src/check-text.js';

export interface Options {
  /** Account ids that belong to you: trusting them does not fire. */
  trustedAccounts: string[];
}

export default defineCheck<'crossAccount', Options>({
  meta: {
    id: 'trust-cross-account-no-external-id',
    severity: 'medium',
    category: 'trust',
    description: 'Require an external id, organization or MFA condition on role trust policies that trust another AWS account',
    messages: {
      crossAccount:
        'This trust policy lets {{principals}} from another AWS account ({{accounts}}) assume the role without an "sts:ExternalId", "aws:PrincipalOrgID" or MFA condition, so whoever administers that account decides who gets in and a third party can be tricked into using the role for someone else (confused deputy); add one of those conditions, or list the account under "trustedAccounts" if it is yours.',
    },
    sources: {
      checkov: ['CKV_AWS_61'],
    },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-user_externalid.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid',
    ],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        trustedAccounts: {
          description: 'Account ids that belong to you (12 digits, quoted): trusting them does not fire.',
          type: 'array',
          items: { type: 'string', pattern: '^[0-9]{12}$' },
        },
      },
    },
  },
  defaultOptions: { trustedAccounts: [] },
  run(ctx) {
    // Accounts the unit deploys into (a CDK stack's environment) are this account, not another one.
    const trusted = new Set([...(ctx.options.trustedAccounts ?? []), ...(ctx.model.unit.accounts ?? [])].map((a) => String(a).trim()));
    for (const doc of ctx.model.documents) {
      if (doc.kind !== 'trust') continue;
      for (const st of doc.statements) {
        if (!isIntendedAllow(st) || !st.principal || hasCrossAccountGuard(st)) continue;
        const offending: PrincipalEntry[] = [];
        const accounts: string[] = [];
        for (const p of st.principal.entries) {
          // Service and Federated principals are not accounts; `*` is trust-any-principal's business.
          if (p.type !== 'AWS') continue;
          const where = principalAccount(p.value);
          if (where?.kind !== 'account' || trusted.has(where.account)) continue;
          if (isPrincipalDenied(doc.statements, p.value, 'sts:AssumeRole')) continue;
          offending.push(p);
          if (!accounts.includes(where.account)) accounts.push(where.account);
        }
        if (offending.length === 0) continue;
        ctx.report({
          node: st,
          at: st.principal.attrLoc,
          path: ['Principal'],
          messageId: 'crossAccount',
          data: { principals: quoteList(offending.map((p) => scalarText(p.value))), accounts: quoteList(accounts) },
        });
      }
    }
  },
});
