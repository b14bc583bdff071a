import { defineCheck } from '../../src/check.js';

/** How the message names the place the secret is written to, by the parser's `via`. */
const VIA: Record<string, string> = {
  output: 'an output',
  'ssm-parameter': 'a plain SSM parameter',
  environment: 'an environment variable',
  state: 'the state',
};

export default defineCheck({
  meta: {
    id: 'access-key-secret-exposed',
    severity: 'high',
    category: 'credentials',
    description: 'Disallow writing an access key secret where others can read it',
    messages: {
      exposed:
        'The secret access key of "{{key}}" is written to {{via}}, where anyone who can read the stack, its state or its configuration can read it; keep it out of outputs and plain settings, or better, use a role instead of an access key.',
    },
    sources: {},
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
      'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/outputs-section-structure.html',
    ],
  },
  run(ctx) {
    for (const e of ctx.model.secretExposures) {
      ctx.report({ node: { owner: e.owner, loc: e.loc }, messageId: 'exposed', data: { key: e.key, via: VIA[e.via] ?? e.via } });
    }
  },
});
