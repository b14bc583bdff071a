import { defineCheck } from '../../src/check.js';
import { grantHasSource, hasServiceSourceCondition, isAwsServiceName, isAwsServicePrincipal, isIntendedAllow } from '../../src/model/query.js';
import { scalarText } from '../../src/model/scalar.js';
import { quoteList } from '../../src/check-text.js';

export default defineCheck({
  meta: {
    id: 'resource-policy-service-no-source',
    severity: 'medium',
    category: 'exposure',
    description: 'Require a source condition when a resource policy grants access to an AWS service',
    messages: {
      serviceStatement:
        'This resource policy statement grants {{services}} access without an "aws:SourceArn" or "aws:SourceAccount" condition, so the service will act on it for any customer\'s resource, not only yours (the confused-deputy problem); add a condition naming your source resource or account.',
      serviceGrant:
        'This permission lets {{service}} invoke the function without a source ARN or source account, so the service will invoke it on behalf of any customer\'s resource, not only yours (the confused-deputy problem); set "SourceArn" or "SourceAccount".',
    },
    sources: {
      checkov: ['CKV_AWS_364'],
    },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourcearn',
      'https://docs.aws.amazon.com/lambda/latest/dg/permissions-function-services.html',
    ],
  },
  run(ctx) {
    for (const doc of ctx.model.documents) {
      // A trust policy naming a service (lambda.amazonaws.com assuming its execution role) is not a resource grant.
      if (doc.kind !== 'resource') continue;
      for (const st of doc.statements) {
        if (!isIntendedAllow(st) || !st.principal) continue;
        const services = st.principal.entries.filter(isAwsServicePrincipal).map((p) => scalarText(p.value));
        if (services.length === 0 || hasServiceSourceCondition(st)) continue;
        ctx.report({
          node: st,
          at: st.principal.attrLoc,
          path: ['Principal'],
          messageId: 'serviceStatement',
          data: { services: quoteList(services) },
        });
      }
    }
    for (const grant of ctx.model.permissionGrants) {
      if (grant.principal.kind !== 'literal' || !isAwsServiceName(grant.principal.value) || grantHasSource(grant)) continue;
      ctx.report({
        node: { owner: grant.ref, loc: grant.loc },
        at: grant.principal,
        messageId: 'serviceGrant',
        data: { service: `"${grant.principal.value.trim()}"` },
      });
    }
  },
});
