import { defineCheck } from '../../src/check.js';
import { isGrantingDocument, isIntendedAllow } from '../../src/model/query.js';
import { scalarText } from '../../src/model/scalar.js';
import { quoteList } from '../../src/check-text.js';

export default defineCheck({
  meta: {
    id: 'not-action-allow',
    severity: 'high',
    category: 'least-privilege',
    description: 'Disallow NotAction in Allow statements',
    messages: {
      notActionAllow:
        'This Allow statement uses NotAction, so it grants every action of every service except {{excluded}}, including actions AWS adds later; list the allowed actions under Action instead.',
    },
    sources: {
      cfnNag: ['W14', 'W15', 'W16', 'W17', 'W18', 'W19', 'W20'],
    },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
    ],
  },
  run(ctx) {
    for (const doc of ctx.model.documents) {
      if (!isGrantingDocument(doc)) continue;
      for (const st of doc.statements) {
        if (!isIntendedAllow(st) || !st.notAction) continue;
        const excluded = st.notAction.items.map(scalarText);
        ctx.report({
          node: st,
          at: st.notAction,
          path: ['NotAction'],
          messageId: 'notActionAllow',
          data: { excluded: excluded.length ? quoteList(excluded) : 'nothing' },
        });
      }
    }
  },
});
