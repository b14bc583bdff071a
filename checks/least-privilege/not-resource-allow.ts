import { defineCheck } from '../../src/check.js';
import { isGrantingDocument, isIntendedAllow } from '../../src/model/query.js';
import { scalarText } from '../../src/model/scalar.js';
import { quoteList } from '../../src/check-text.js';

export default defineCheck({
  meta: {
    id: 'not-resource-allow',
    severity: 'medium',
    category: 'least-privilege',
    description: 'Disallow NotResource in Allow statements',
    messages: {
      notResourceAllow:
        'This Allow statement uses NotResource, so its actions apply to every resource except {{excluded}}, including resources created later; list the allowed resources under Resource instead.',
    },
    sources: {
      cfnNag: ['W21', 'W22', 'W23'],
      parliament: ['NOTRESOURCE_WITH_ALLOW'],
    },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
    ],
  },
  run(ctx) {
    for (const doc of ctx.model.documents) {
      if (!isGrantingDocument(doc)) continue;
      for (const st of doc.statements) {
        if (!isIntendedAllow(st) || !st.notResource) continue;
        const excluded = st.notResource.items.map(scalarText);
        ctx.report({
          node: st,
          at: st.notResource,
          path: ['NotResource'],
          messageId: 'notResourceAllow',
          data: { excluded: excluded.length ? quoteList(excluded) : 'nothing' },
        });
      }
    }
  },
});
