import { defineCheck } from '../../src/check.js';
import { unitName } from '../../src/check-text.js';
import { isInAnyGroup } from '../../src/model/relations.js';


export default defineCheck({
  meta: {
    id: 'user-no-group',
    severity: 'low',
    category: 'identities',
    description: 'Require every IAM user to belong to a group',
    messages: {
      noGroup:
        'The user "{{user}}" belongs to no group in this {{unit}}; manage its permissions through group membership so that access follows the role, not the person.',
    },
    sources: { cfnNag: ['F2000'], cdkNag: ['IAMUserGroupMembership'] },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups_manage_add-remove-users.html',
    ],
  },
  run(ctx) {
    const { model } = ctx;
    const unit = unitName(model.unit.kind);
    for (const user of model.identities) {
      if (user.kind !== 'user' || isInAnyGroup(model, user)) continue;
      ctx.report({
        node: { ref: user.ref },
        messageId: 'noGroup',
        data: { user: user.name?.kind === 'literal' ? user.name.value : user.ref.address, unit },
      });
    }
  },
});
