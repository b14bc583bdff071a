import { defineCheck } from '../../src/check.js';
import type { IamModel } from '../../src/model/model.js';
import type { Condition, PrincipalEntry, Statement } from '../../src/model/policy.js';
import {
  claimValueAdmitsWholeProvider,
  coversAction,
  hasNonLiteral,
  isIntendedAllow,
  isPinningClaimCondition,
  literals,
  pinningClaims,
  pinsWebIdentity,
  webIdentityProviderOf,
  type WebIdentityProvider,
} from '../../src/model/query.js';
import { scalarText, type Scalar } from '../../src/model/scalar.js';

/** Who else can obtain a token from the provider, and what a pinned subject looks like. */
const PROVIDERS: Record<WebIdentityProvider, { reach: string; example: string }> = {
  github: {
    reach: "every workflow of every GitHub repository, other people's included",
    example: 'repo:my-org/my-repo:ref:refs/heads/main',
  },
  gitlab: {
    reach: 'every CI job of every project on that GitLab instance',
    example: 'project_path:my-group/my-project:ref_type:branch:ref:main',
  },
  'terraform-cloud': {
    reach: "every run of every HCP Terraform organization, other people's included",
    example: 'organization:my-org:project:my-project:workspace:my-workspace:run_phase:*',
  },
  eks: {
    reach: 'every pod of the cluster, whatever its service account',
    example: 'system:serviceaccount:my-namespace:my-service-account',
  },
  cognito: {
    reach: "every identity of every Cognito identity pool, other people's included",
    example: 'us-east-1:<your identity pool id>',
  },
};

/** The provider behind a Federated value: its text, or the URL of the OIDC provider resource it refers to. */
function providerOf(model: IamModel, value: Scalar): WebIdentityProvider | undefined {
  const direct = webIdentityProviderOf(scalarText(value));
  if (direct) return direct;
  const refs =
    value.kind === 'unknown' ? [value.ref] : value.kind === 'template' ? value.parts.map((p) => (typeof p === 'string' ? undefined : p.ref)) : [];
  for (const ref of refs) {
    if (!ref) continue;
    const provider = model.oidcProviders.find((o) => o.ref.address === ref.address);
    if (provider?.url) {
      const found = webIdentityProviderOf(scalarText(provider.url));
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * The statement is a web identity trust: no Action at all (a misspelled attribute; the Federated principal says
 * what it is for), or an Action that covers sts:AssumeRoleWithWebIdentity or might (an unknown value).
 */
function mayAssumeWithWebIdentity(st: Statement): boolean {
  if (!st.action && !st.notAction) return true;
  return hasNonLiteral(st.action) || coversAction(st, 'sts:AssumeRoleWithWebIdentity');
}

export default defineCheck({
  meta: {
    id: 'trust-oidc-unscoped',
    severity: 'critical',
    category: 'trust',
    description: 'Require OIDC web identity trust policies to pin the token subject',
    messages: {
      missingClaim:
        'This trust policy lets {{federated}} tokens assume the role with no condition on the token {{claims}} claim, so {{reach}} can take on its permissions; add a "StringEquals" or "StringLike" condition on {{claims}}.',
      wildcardClaim:
        'This condition lets {{key}} match {{value}}, so {{reach}} can assume the role; pin the claim to your own identities (for example "{{example}}").',
    },
    sources: {
      checkov: ['CKV_AWS_358', 'CKV_AWS_393'],
    },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html',
      'https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html',
    ],
  },
  run(ctx) {
    for (const doc of ctx.model.documents) {
      if (doc.kind === 'boundary' || doc.kind === 'scp') continue;
      for (const st of doc.statements) {
        if (!isIntendedAllow(st) || !st.principal || !mayAssumeWithWebIdentity(st)) continue;
        const federated: { entry: PrincipalEntry; provider: WebIdentityProvider }[] = [];
        for (const entry of st.principal.entries) {
          if (entry.type !== 'Federated') continue;
          const provider = providerOf(ctx.model, entry.value);
          if (provider) federated.push({ entry, provider });
        }
        if (federated.length === 0) continue;
        // Each provider needs its own pin; report the statement once, for the first provider left open.
        const open = federated.find(({ provider }) => !st.conditions.some((c) => pinsWebIdentity(c, provider)));
        if (!open) continue;
        const claimConditions: Condition[] = st.conditions.filter((c) => isPinningClaimCondition(c, open.provider));
        const wildcarded = claimConditions.find(
          (c) => /^(For(All|Any)Values:)?StringLike(IfExists)?$/i.test(c.operator) && !pinsWebIdentity(c, open.provider),
        );
        if (wildcarded) {
          const value = literals(wildcarded.values).find(claimValueAdmitsWholeProvider) ?? '*';
          ctx.report({
            node: st,
            at: wildcarded.loc,
            path: ['Condition', wildcarded.operator, wildcarded.key],
            messageId: 'wildcardClaim',
            data: { key: `"${wildcarded.key}"`, value: `"${value}"`, reach: PROVIDERS[open.provider].reach, example: PROVIDERS[open.provider].example },
          });
          continue;
        }
        ctx.report({
          node: st,
          at: st.principal.attrLoc,
          path: ['Principal'],
          messageId: 'missingClaim',
          data: {
            reach: PROVIDERS[open.provider].reach,
            federated: `"${scalarText(open.entry.value)}"`,
            claims: pinningClaims(open.provider).map((c) => `"${c}"`).join(' or '),
          },
        });
      }
    }
  },
});
