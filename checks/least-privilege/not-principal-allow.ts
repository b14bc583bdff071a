import { defineCheck } from '../../src/check.js';
import { isGrantingDocument, isIntendedAllow } from '../../src/model/query.js';
import { scalarText } from '../../src/model/scalar.js';
import { quoteList } from '../../src/check-text.js';

export default defineCheck({
  meta: {
    id: 'not-principal-allow',
    severity: 'high',
    category: 'least-privilege',
    description: 'Disallow NotPrincipal in Allow statements',
    messages: {
      notPrincipalAllow:
        'This Allow statement uses NotPrincipal, so it grants access to every principal except {{excluded}}, anonymous users included; name the allowed principals under Principal instead.',
    },
    sources: {
      cfnNag: ['F6', 'F7', 'F8', 'F9'],
      parliament: ['NOTPRINCIPAL_WITH_ALLOW'],
    },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html',
    ],
  },
  run(ctx) {
    for (const doc of ctx.model.documents) {
      if (!isGrantingDocument(doc)) continue;
      for (const st of doc.statements) {
        if (!isIntendedAllow(st) || !st.notPrincipal) continue;
        const excluded = st.notPrincipal.entries.map((e) => scalarText(e.value));
        ctx.report({
          node: st,
          at: st.notPrincipal.attrLoc,
          path: ['NotPrincipal'],
          messageId: 'notPrincipalAllow',
          data: { excluded: excluded.length ? quoteList(excluded) : 'nobody' },
        });
      }
    }
  },
});
