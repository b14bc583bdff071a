import { defineCheck } from '../../src/check.js';
import type { PrincipalEntry } from '../../src/model/policy.js';
import { isConstrained, isIntendedAllow, isPublicPermissionGrant, isPublicPrincipal } from '../../src/model/query.js';
import { scalarText } from '../../src/model/scalar.js';

export interface Options {
  /** Principal values (as written, e.g. `arn:aws:iam::*:role/reader`) that are public on purpose and never fire. */
  allowedPrincipals: string[];
}

export default defineCheck<'publicStatement' | 'publicGrant', Options>({
  meta: {
    id: 'resource-policy-public',
    severity: 'critical',
    category: 'exposure',
    description: 'Disallow resource policies that grant access to any principal',
    messages: {
      publicStatement:
        'This resource policy statement grants {{actions}} to {{principal}} with no condition that narrows who, so anyone (any AWS account, often anonymous callers too) can use it; name the principals that need access or add a condition such as "aws:PrincipalOrgID", "aws:SourceVpce" or "aws:SourceArn".',
      publicGrant:
        'This permission lets {{principal}} invoke the function with no source ARN, source account or organization to narrow who, so anyone can call it; set "SourceArn"/"SourceAccount" (or "PrincipalOrgID"), or require IAM auth on the function URL.',
    },
    sources: {
      checkov: ['CKV_AWS_32', 'CKV_AWS_33', 'CKV_AWS_70', 'CKV_AWS_167', 'CKV_AWS_168', 'CKV_AWS_169', 'CKV_AWS_283', 'CKV_AWS_301', 'CKV_AWS_387'],
      cfnNag: ['F13', 'F16', 'F18', 'F21', 'F76'],
      cdkNag: ['ECROpenAccess', 'EventBusOpenAccess', 'LambdaFunctionPublicAccessProhibited'],
    },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html',
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
      'https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html',
    ],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        allowedPrincipals: {
          description: 'Principal values, as written (e.g. "arn:aws:iam::*:role/reader"), that are public on purpose and never fire.',
          type: 'array',
          items: { type: 'string' },
        },
      },
    },
  },
  defaultOptions: { allowedPrincipals: [] },
  run(ctx) {
    const allowed = new Set((ctx.options.allowedPrincipals ?? []).map((p) => String(p).trim()));
    const isAllowed = (p: PrincipalEntry): boolean => p.value.kind === 'literal' && allowed.has(p.value.value.trim());
    for (const doc of ctx.model.documents) {
      if (doc.kind !== 'resource') continue;
      for (const st of doc.statements) {
        if (!isIntendedAllow(st) || !st.principal) continue;
        const open = st.principal.entries.find((p) => isPublicPrincipal(p) && !isAllowed(p));
        if (!open || isConstrained(st)) continue;
        const actions = (st.action ?? st.notAction)?.items.map(scalarText) ?? [];
        const shown = actions.slice(0, 3).map((a) => `"${a}"`).join(', ');
        ctx.report({
          node: st,
          at: st.principal.attrLoc,
          path: ['Principal'],
          messageId: 'publicStatement',
          data: {
            principal: `"${scalarText(open.value)}"`,
            actions: st.notAction ? `every action except ${shown}` : actions.length > 3 ? `${shown} and ${actions.length - 3} more` : shown || 'its actions',
          },
        });
      }
    }
    for (const grant of ctx.model.permissionGrants) {
      if (grant.principal.kind === 'literal' && allowed.has(grant.principal.value.trim())) continue;
      if (!isPublicPermissionGrant(grant)) continue;
      ctx.report({
        node: { owner: grant.ref, loc: grant.loc },
        at: grant.principal,
        messageId: 'publicGrant',
        data: { principal: `"${scalarText(grant.principal)}"` },
      });
    }
  },
});
