import { defineCheck } from '../../src/check.js';
import type { UnitKind } from '../../src/model/model.js';
import { isInAnyGroup } from '../../src/model/relations.js';

/** How the message names the deployment unit the rule looks across. */
const UNIT_NAMES: Partial<Record<UnitKind, string>> = { terraform: 'root module', cloudformation: 'template', 'cdk-assembly': 'cloud assembly' };

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
    const unit = UNIT_NAMES[model.unit.kind] ?? 'project';
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
