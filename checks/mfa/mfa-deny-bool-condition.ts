import { defineCheck } from '../../src/check.js';
import { boolMfaFalseConditions } from '../../src/model/query.js';

export default defineCheck({
  meta: {
    id: 'mfa-deny-bool-condition',
    severity: 'medium',
    category: 'mfa',
    description: 'Disallow MFA-enforcing Deny statements that test aws:MultiFactorAuthPresent with Bool instead of BoolIfExists',
    messages: {
      boolMfaDeny:
        'This Deny tests "aws:MultiFactorAuthPresent" with "{{operator}}", which never matches requests signed with long-term access keys (they carry no such key), so those requests get through without MFA; use "BoolIfExists".',
    },
    sources: {
      parliament: ['BAD_PATTERN_FOR_MFA'],
    },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IfExists',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_iam_mfa-selfmanage.html',
    ],
  },
  run(ctx) {
    for (const doc of ctx.model.documents) {
      for (const st of doc.statements) {
        for (const c of boolMfaFalseConditions(st)) {
          ctx.report({
            node: st,
            at: c.loc,
            path: ['Condition', c.operator, c.key],
            messageId: 'boolMfaDeny',
            data: { operator: c.operator },
          });
        }
      }
    }
  },
});
