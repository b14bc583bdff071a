import { defineCheck } from '../../src/check.js';
import { findIdentity } from '../../src/model/relations.js';
import { scalarText } from '../../src/model/scalar.js';

export default defineCheck({
  meta: {
    id: 'access-key-created',
    severity: 'medium',
    category: 'credentials',
    description: 'Disallow creating long-term IAM access keys in infrastructure code',
    messages: {
      accessKey:
        'This creates a long-term access key for the user {{user}}, whose secret ends up in the deployment state and never expires; give workloads a role (instance profile, task role, IAM Roles Anywhere, OIDC federation) instead.',
    },
    sources: {},
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles.html',
    ],
  },
  run(ctx) {
    const { model } = ctx;
    for (const key of model.accessKeys) {
      let user = 'that the key names';
      if (key.user) {
        const found = findIdentity(model, 'user', key.user);
        const shown = found ? (found.name?.kind === 'literal' ? found.name.value : found.ref.address) : key.user.kind === 'unknown' && key.user.ref ? key.user.ref.address : scalarText(key.user);
        user = `"${shown}"`;
      }
      ctx.report({ node: { ref: key.ref }, messageId: 'accessKey', data: { user } });
    }
  },
});
