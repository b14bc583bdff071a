import { defineCheck } from '../../src/check.js';
import {
  actionValueGrants,
  allResourcesItem,
  isIntendedAllow,
  isScopableChangeAction,
  notActionGrantedAction,
} from '../../src/model/query.js';
import { scalarText } from '../../src/model/scalar.js';
import { quoteList } from '../../src/check-text.js';

export default defineCheck({
  meta: {
    id: 'wildcard-resource',
    severity: 'medium',
    category: 'least-privilege',
    description: 'Disallow granting write, tagging or permissions-management actions on all resources when they can be scoped to specific ones',
    messages: {
      wildcardResource:
        'This statement grants {{actions}} on "{{resource}}", that is on every matching resource of the account, although these actions can be limited to specific ARNs; name the resources the workload needs.',
      notActionWildcardResource:
        'This statement grants every action except {{excluded}} on "{{resource}}", including write and permissions-management actions such as "{{example}}" that can be limited to specific ARNs; list the actions and resources the workload needs.',
    },
    sources: {
      checkov: ['CKV_AWS_109', 'CKV_AWS_111', 'CKV_AWS_289', 'CKV_AWS_290'],
      cfnNag: ['W11', 'W12', 'W13'],
      cdkNag: ['AwsSolutions-IAM5'],
      parliament: ['RESOURCE_STAR'],
    },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html',
      'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html',
    ],
  },
  run(ctx) {
    for (const doc of ctx.model.documents) {
      // In a resource policy `"*"` means the resource the policy is attached to; trust policies have no Resource;
      // boundaries and SCPs grant nothing. Only identity policies reach "every resource of the account".
      if (doc.kind !== 'identity') continue;
      for (const st of doc.statements) {
        if (!isIntendedAllow(st)) continue;
        // Conditions do not silence this: they rarely pin the resource (rds:DatabaseEngine, ec2:InstanceProfile ...).
        const resource = allResourcesItem(st.resource);
        if (!resource || !st.resource) continue;
        if (st.action) {
          const offending = st.action.items.filter((s) => actionValueGrants(s, isScopableChangeAction)).map(scalarText);
          if (offending.length === 0) continue;
          ctx.report({
            node: st,
            at: st.resource,
            path: ['Resource'],
            messageId: 'wildcardResource',
            data: { actions: quoteList(offending), resource: scalarText(resource) },
          });
        } else if (st.notAction) {
          const example = notActionGrantedAction(st, isScopableChangeAction);
          if (!example) continue;
          ctx.report({
            node: st,
            at: st.resource,
            path: ['Resource'],
            messageId: 'notActionWildcardResource',
            data: { excluded: quoteList(st.notAction.items.map(scalarText)), resource: scalarText(resource), example: example.key },
          });
        }
      }
    }
  },
});
