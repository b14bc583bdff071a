import { defineCheck } from '../../src/check.js';
import { CREDENTIALS_EXPOSURE_ACTIONS } from '../../src/iam/index.js';
import { allResourcesItem, grantsUnconstrained, isDeniedEverywhere } from '../../src/model/query.js';
import { scalarText } from '../../src/model/scalar.js';
import { quoteList } from '../../src/check-text.js';

export default defineCheck({
  meta: {
    id: 'credentials-exposure',
    severity: 'high',
    category: 'least-privilege',
    description: 'Disallow actions that create, reveal or reset credentials on all resources',
    messages: {
      credentialsExposure:
        'This statement allows {{actions}} on "{{resource}}" without a constraining condition, so a principal can obtain credentials (access keys, passwords, tokens) of other users, databases or instances; name the resources the workload needs.',
    },
    sources: {
      checkov: ['CKV_AWS_107', 'CKV_AWS_287'],
      parliament: ['CREDENTIALS_EXPOSURE'],
    },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html',
    ],
  },
  run(ctx) {
    for (const doc of ctx.model.documents) {
      // Credentials of IAM users, databases and instances are handed out through identity policies; a resource
      // policy's `"*"` means its own resource, and boundaries and SCPs grant nothing.
      if (doc.kind !== 'identity') continue;
      for (const st of doc.statements) {
        const element = st.action ?? st.notAction;
        const resource = allResourcesItem(st.resource);
        if (!element || !resource) continue;
        const granted = CREDENTIALS_EXPOSURE_ACTIONS.filter((a) => grantsUnconstrained(st, a) && !isDeniedEverywhere(doc.statements, a));
        if (granted.length === 0) continue;
        ctx.report({
          node: st,
          at: element,
          path: [st.action ? 'Action' : 'NotAction'],
          messageId: 'credentialsExposure',
          data: { actions: quoteList(granted), resource: scalarText(resource) },
        });
      }
    }
  },
});
