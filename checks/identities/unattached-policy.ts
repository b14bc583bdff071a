import { defineCheck } from '../../src/check.js';
import { unitName } from '../../src/check-text.js';
import { isPolicyInUse } from '../../src/model/relations.js';
import { scalarText } from '../../src/model/scalar.js';


export default defineCheck({
  meta: {
    id: 'unattached-policy',
    severity: 'info',
    category: 'cleanup',
    description: 'Disallow customer managed policies that are attached to nothing',
    messages: {
      unattached:
        'The customer managed policy "{{policy}}" is attached to no user, group or role in this {{unit}} and is no permissions boundary; remove it, or attach it where it is meant to be used.',
    },
    sources: {},
    references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html', 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html'],
  },
  run(ctx) {
    const { model } = ctx;
    for (const p of model.policies) {
      if (p.kind !== 'managed' || isPolicyInUse(model, p)) continue;
      ctx.report({
        node: { ref: p.ref },
        messageId: 'unattached',
        data: { policy: p.name ? scalarText(p.name) : p.ref.address, unit: unitName(model.unit.kind) },
      });
    }
  },
});
