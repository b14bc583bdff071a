import { defineCheck } from '../../src/check.js';
import { rotationsOf } from '../../src/model/relations.js';

export default defineCheck({
  meta: {
    id: 'secret-no-rotation',
    severity: 'low',
    category: 'credentials',
    description: 'Require automatic rotation for Secrets Manager secrets',
    messages: {
      noRotation:
        'This Secrets Manager secret has no rotation configured anywhere in this deployment unit, so its value lives until someone changes it by hand, and a leaked copy stays valid; add a rotation schedule for it.',
    },
    sources: {
      checkov: ['CKV2_AWS_57'],
      cdkNag: ['AwsSolutions-SMG4'],
      other: ['Security Hub SecretsManager.1'],
    },
    references: [
      'https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#rotate-credentials',
    ],
  },
  run(ctx) {
    for (const secret of ctx.model.account.secrets) {
      if (secret.rotation) continue;
      if (rotationsOf(ctx.model, secret).length > 0) continue;
      ctx.report({ node: { ref: secret.ref }, messageId: 'noRotation' });
    }
  },
});
