import { defineCheck } from '../../src/check.js';

export default defineCheck({
  meta: {
    id: 'parse-error',
    severity: 'high',
    category: 'parse',
    description: 'Require every linted file to parse, so that no IAM in it goes unchecked',
    messages: {
      unparsable: 'Cannot parse the file here: {{problem}}; IAM written in the unreadable part is not checked.',
    },
    sources: { parliament: ['MALFORMED_JSON'], other: ['cfn-lint E0000'] },
  },
  run(ctx) {
    for (const p of ctx.model.parseProblems) {
      ctx.report({
        node: { owner: p.owner ?? { address: p.loc.file.split('/').pop() ?? p.loc.file, type: 'file', loc: p.loc }, loc: p.loc },
        messageId: 'unparsable',
        data: { problem: p.message },
      });
    }
  },
});
