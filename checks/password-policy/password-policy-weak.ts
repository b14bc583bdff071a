import { defineCheck } from '../../src/check.js';
import type { PasswordPolicy } from '../../src/model/entities.js';
import { boolSetting, numberSetting } from '../../src/model/query.js';
import type { Scalar } from '../../src/model/scalar.js';

export interface PasswordPolicyOptions {
  /** The shortest acceptable minimum password length. */
  minimumLength: number;
  /** The longest acceptable maximum password age, in days. */
  maxAgeDays: number;
  /** The fewest previous passwords a user must not reuse. */
  reusePrevention: number;
}

const CHARACTER_CLASSES: { field: 'requireUppercase' | 'requireLowercase' | 'requireNumbers' | 'requireSymbols'; what: string }[] = [
  { field: 'requireUppercase', what: 'an uppercase letter' },
  { field: 'requireLowercase', what: 'a lowercase letter' },
  { field: 'requireNumbers', what: 'a number' },
  { field: 'requireSymbols', what: 'a symbol' },
];

export default defineCheck<
  'shortMinimum' | 'minimumUnset' | 'characterClass' | 'maxAgeTooLong' | 'noExpiry' | 'reuseTooLow' | 'reuseUnset',
  PasswordPolicyOptions
>({
  meta: {
    id: 'password-policy-weak',
    severity: 'medium',
    category: 'password-policy',
    description: 'Require a strong account password policy for IAM users',
    messages: {
      shortMinimum:
        'This password policy accepts passwords of {{length}} characters, which brute force and password spraying break far sooner; require at least {{minimum}} characters.',
      minimumUnset:
        'This password policy sets no minimum length, so IAM users may choose passwords as short as 6 characters (the AWS default), which brute force and password spraying break quickly; require at least {{minimum}} characters.',
      characterClass:
        'This password policy does not require {{what}} in passwords, which shrinks the space an attacker has to guess; require it.',
      maxAgeTooLong:
        'This password policy lets an IAM user keep a password for {{days}} days, so a leaked password stays usable that long; require a change within {{maximum}} days.',
      noExpiry:
        'This password policy sets no maximum password age, so IAM user passwords never expire and a leaked password stays usable indefinitely; require a change within {{maximum}} days.',
      reuseTooLow:
        'This password policy remembers only the last {{count}} passwords, so users can soon cycle back to an old, possibly leaked one; prevent reuse of the last {{minimum}}.',
      reuseUnset:
        'This password policy does not prevent password reuse, so users can go back to an old, possibly leaked password; prevent reuse of the last {{minimum}}.',
    },
    sources: {
      checkov: ['CKV_AWS_9', 'CKV_AWS_10', 'CKV_AWS_11', 'CKV_AWS_12', 'CKV_AWS_13', 'CKV_AWS_14', 'CKV_AWS_15'],
      other: ['Security Hub IAM.7'],
    },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html',
      'https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAccountPasswordPolicy.html',
    ],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        minimumLength: { description: 'The shortest acceptable minimum password length (AWS allows 6 to 128).', type: 'integer', minimum: 6, maximum: 128 },
        maxAgeDays: { description: 'The longest acceptable maximum password age, in days (AWS allows 1 to 1095).', type: 'integer', minimum: 1, maximum: 1095 },
        reusePrevention: { description: 'The fewest previous passwords a user must not reuse (AWS allows 1 to 24).', type: 'integer', minimum: 1, maximum: 24 },
      },
    },
  },
  defaultOptions: { minimumLength: 14, maxAgeDays: 90, reusePrevention: 24 },
  run(ctx) {
    const minimumLength = Number(ctx.options.minimumLength);
    const maxAgeDays = Number(ctx.options.maxAgeDays);
    const reusePrevention = Number(ctx.options.reusePrevention);
    for (const policy of ctx.model.account.passwordPolicies) {
      const node = { ref: policy.ref };
      /** A finding on one setting: at its value when written (a `null` too), else on the policy resource. */
      const at = (field: keyof Omit<PasswordPolicy, 'ref'>, s: Scalar | undefined) => ({ node, path: [field], ...(s ? { at: s } : {}) });

      const length = numberSetting(policy.minimumLength);
      if (length.kind === 'value' && length.value < minimumLength) {
        ctx.report({ ...at('minimumLength', policy.minimumLength), messageId: 'shortMinimum', data: { length: length.value, minimum: minimumLength } });
      } else if (length.kind === 'unset') {
        ctx.report({ ...at('minimumLength', policy.minimumLength), messageId: 'minimumUnset', data: { minimum: minimumLength } });
      }

      for (const { field, what } of CHARACTER_CLASSES) {
        const required = boolSetting(policy[field]);
        if (required.kind === 'unknown' || (required.kind === 'value' && required.value)) continue;
        ctx.report({ ...at(field, policy[field]), messageId: 'characterClass', data: { what } });
      }

      // AWS accepts 1 to 1095 days; 0 (as Terraform writes "no expiry") or no value means passwords never expire.
      const age = numberSetting(policy.maxAge);
      if (age.kind === 'value' && age.value > maxAgeDays) {
        ctx.report({ ...at('maxAge', policy.maxAge), messageId: 'maxAgeTooLong', data: { days: age.value, maximum: maxAgeDays } });
      } else if (age.kind === 'unset' || (age.kind === 'value' && age.value <= 0)) {
        ctx.report({ ...at('maxAge', policy.maxAge), messageId: 'noExpiry', data: { maximum: maxAgeDays } });
      }

      const reuse = numberSetting(policy.reusePrevention);
      if (reuse.kind === 'unset' || (reuse.kind === 'value' && reuse.value <= 0)) {
        ctx.report({ ...at('reusePrevention', policy.reusePrevention), messageId: 'reuseUnset', data: { minimum: reusePrevention } });
      } else if (reuse.kind === 'value' && reuse.value < reusePrevention) {
        ctx.report({ ...at('reusePrevention', policy.reusePrevention), messageId: 'reuseTooLow', data: { count: reuse.value, minimum: reusePrevention } });
      }
    }
  },
});
