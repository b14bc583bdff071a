import { defineCheck } from '../../src/check.js';
import { unitName } from '../../src/check-text.js';
import { attachedPolicyArns, hasAnyMember, policyResourcesTargeting } from '../../src/model/relations.js';


export default defineCheck({
  meta: {
    id: 'empty-group',
    severity: 'info',
    category: 'cleanup',
    description: 'Disallow IAM groups with no members and no policies',
    messages: {
      emptyGroup:
        'The group "{{group}}" has no members and no policies in this {{unit}}; remove it, or add the users and policies it was meant for.',
    },
    sources: { checkov: ['CKV2_AWS_14'], cdkNag: ['IAMGroupHasUsers'] },
    references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups.html', 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html'],
  },
  run(ctx) {
    const { model } = ctx;
    for (const group of model.identities) {
      if (group.kind !== 'group') continue;
      if (hasAnyMember(model, group)) continue;
      if (group.inlinePolicies.length > 0 || attachedPolicyArns(model, group).length > 0 || policyResourcesTargeting(model, group).length > 0) continue;
      ctx.report({
        node: { ref: group.ref },
        messageId: 'emptyGroup',
        data: { group: group.name?.kind === 'literal' ? group.name.value : group.ref.address, unit: unitName(model.unit.kind) },
      });
    }
  },
});
