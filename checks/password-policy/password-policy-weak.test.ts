/**
 * CloudFormation has no password policy resource. The first cases build the model by hand, to reach every value shape:
 * a JSON object with `aws_iam_account_password_policy`'s attribute names stands for the block, and its values become
 * the `PasswordPolicy` scalars (`"${...}"` is an unknown value). The last table goes through the Terraform parser.
 */
import { describe, expect, it } from '@jest/globals';
import { parseLocatedJson } from '../../parsers/shared/json.js';
import { runChecks } from '../../src/engine/run-checks.js';
import { toScalar } from '../../src/model/build-policy.js';
import type { PasswordPolicy } from '../../src/model/entities.js';
import type { Located } from '../../src/model/located.js';
import { emptyModel } from '../../src/model/model.js';
import type { Scalar } from '../../src/model/scalar.js';
import { checkCases } from '../../test/harness/check-tester.js';
import check from './password-policy-weak.js';

const FIELDS: Record<string, keyof Omit<PasswordPolicy, 'ref'>> = {
  minimum_password_length: 'minimumLength',
  require_uppercase_characters: 'requireUppercase',
  require_lowercase_characters: 'requireLowercase',
  require_numbers: 'requireNumbers',
  require_symbols: 'requireSymbols',
  max_password_age: 'maxAge',
  password_reuse_prevention: 'reusePrevention',
};

function scalarOf(v: Located): Scalar {
  if (v.kind === 'scalar' && typeof v.value === 'string' && v.value.startsWith('${')) return { kind: 'unknown', text: v.value.slice(2, -1), loc: v.loc };
  return toScalar(v);
}

/** One policy per top-level key: `{"strict": {...attributes}}` -> `aws_iam_account_password_policy.strict`. */
function modelOf(text: string) {
  const parsed = parseLocatedJson(text, 'main.tf.json');
  if (parsed.value?.kind !== 'object') throw new Error('test text does not parse');
  const model = emptyModel({ kind: 'terraform', id: '.', files: ['main.tf.json'] });
  for (const block of parsed.value.entries) {
    if (block.value.kind !== 'object') throw new Error('a policy is an object');
    const policy: PasswordPolicy = { ref: { address: `aws_iam_account_password_policy.${block.key}`, type: 'aws_iam_account_password_policy', loc: block.value.loc } };
    for (const e of block.value.entries) {
      const field = FIELDS[e.key];
      if (field) policy[field] = scalarOf(e.value);
    }
    model.account.passwordPolicies.push(policy);
  }
  return model;
}

function run(text: string, options?: Record<string, unknown>) {
  const settings = options ? { [check.meta.id]: { options } } : {};
  return runChecks(modelOf(text), [check], settings).map((f) => ({
    resource: f.resource,
    messageId: f.messageId,
    line: f.line,
    column: f.column,
    path: f.path,
    message: f.message,
  }));
}

const strong = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify(
    {
      strict: {
        minimum_password_length: 14,
        require_uppercase_characters: true,
        require_lowercase_characters: true,
        require_numbers: true,
        require_symbols: true,
        max_password_age: 90,
        password_reuse_prevention: 24,
        allow_users_to_change_password: true,
        ...overrides,
      },
    },
    null,
    2,
  );

describe('password-policy-weak', () => {
  describe('valid', () => {
    it('accepts the CIS settings', () => expect(run(strong())).toEqual([]));
    it('accepts stricter values and strings', () =>
      expect(run(strong({ minimum_password_length: '20', max_password_age: 30, password_reuse_prevention: 24, require_symbols: 'true' }))).toEqual([]));
    it('never fires on unknown values', () =>
      expect(
        run(
          strong({
            minimum_password_length: '${var.min_length}',
            require_uppercase_characters: '${var.upper}',
            max_password_age: '${var.max_age}',
            password_reuse_prevention: '${var.reuse}',
          }),
        ),
      ).toEqual([]));
    it('never fires on values it cannot read as numbers or booleans', () =>
      expect(run(strong({ minimum_password_length: 'fourteen', require_numbers: 'yes' }))).toEqual([]));
    it('follows the options', () =>
      expect(run(strong({ minimum_password_length: 12, max_password_age: 180, password_reuse_prevention: 5 }), { minimumLength: 12, maxAgeDays: 180, reusePrevention: 5 })).toEqual([]));
    it('has nothing to say without a password policy', () => expect(run('{}')).toEqual([]));
  });

  describe('invalid', () => {
    it('reports each weak value at the value, naming it and the threshold', () => {
      const text = strong({ minimum_password_length: 8, max_password_age: 365, password_reuse_prevention: 5, require_symbols: false });
      const lineOf = (key: string) => text.split('\n').findIndex((l) => l.includes(`"${key}"`)) + 1;
      expect(run(text)).toEqual([
        { resource: 'aws_iam_account_password_policy.strict', messageId: 'shortMinimum', line: lineOf('minimum_password_length'), column: 32, path: 'minimumLength', message: expect.stringContaining('passwords of 8 characters') },
        { resource: 'aws_iam_account_password_policy.strict', messageId: 'characterClass', line: lineOf('require_symbols'), column: 24, path: 'requireSymbols', message: expect.stringContaining('require a symbol') },
        { resource: 'aws_iam_account_password_policy.strict', messageId: 'maxAgeTooLong', line: lineOf('max_password_age'), column: 25, path: 'maxAge', message: expect.stringContaining('for 365 days') },
        { resource: 'aws_iam_account_password_policy.strict', messageId: 'reuseTooLow', line: lineOf('password_reuse_prevention'), column: 34, path: 'reusePrevention', message: expect.stringContaining('the last 5 passwords') },
      ]);
      expect(run(text)[2]?.message).toContain('within 90 days');
    });

    it('reports every unset setting on the policy resource, one finding per weakness', () => {
      const found = run('{\n  "lax": {\n    "allow_users_to_change_password": true\n  }\n}');
      expect(found.map((f) => [f.messageId, f.line, f.column, f.path])).toEqual([
        ['minimumUnset', 2, 10, 'minimumLength'],
        ['characterClass', 2, 10, 'requireUppercase'],
        ['characterClass', 2, 10, 'requireLowercase'],
        ['characterClass', 2, 10, 'requireNumbers'],
        ['characterClass', 2, 10, 'requireSymbols'],
        ['noExpiry', 2, 10, 'maxAge'],
        ['reuseUnset', 2, 10, 'reusePrevention'],
      ]);
      expect(found.map((f) => f.message).filter((m) => m.includes('require an uppercase letter') || m.includes('as short as 6 characters'))).toHaveLength(2);
    });

    it('reads false character classes, null and 0 as missing', () => {
      const found = run(strong({ require_uppercase_characters: 'false', require_lowercase_characters: false, max_password_age: 0, password_reuse_prevention: null }));
      expect(found.map((f) => f.messageId)).toEqual(['characterClass', 'characterClass', 'noExpiry', 'reuseUnset']);
      expect(found.every((f) => f.line > 2)).toBe(true);
    });

    it('fires one below each threshold and not at it, with options too', () => {
      expect(run(strong({ minimum_password_length: 13, max_password_age: 91, password_reuse_prevention: 23 })).map((f) => f.messageId)).toEqual([
        'shortMinimum',
        'maxAgeTooLong',
        'reuseTooLow',
      ]);
      expect(run(strong(), { minimumLength: 16 }).map((f) => f.message)).toEqual([expect.stringContaining('at least 16 characters')]);
    });

    it('judges each policy on its own', () => {
      const text = JSON.stringify({ a: { minimum_password_length: 14, require_uppercase_characters: true }, b: { minimum_password_length: 6 } });
      const byResource = run(text).reduce<Record<string, number>>((acc, f) => ({ ...acc, [f.resource]: (acc[f.resource] ?? 0) + 1 }), {});
      expect(byResource).toEqual({ 'aws_iam_account_password_policy.a': 5, 'aws_iam_account_password_policy.b': 7 });
    });
  });
});

// The same rule through the Terraform parser.
checkCases(check, {
  valid: [
    {
      name: 'the CIS settings in Terraform',
      files: {
        'main.tf': [
          'resource "aws_iam_account_password_policy" "strict" {',
          '  minimum_password_length        = 14',
          '  require_uppercase_characters   = true',
          '  require_lowercase_characters   = true',
          '  require_numbers                = true',
          '  require_symbols                = true',
          '  max_password_age               = 90',
          '  password_reuse_prevention      = 24',
          '  allow_users_to_change_password = true',
          '}',
          '',
        ].join('\n'),
      },
    },
    {
      name: 'variables without defaults are unknown',
      files: {
        'main.tf': [
          'variable "min" {}',
          'variable "flag" {}',
          'resource "aws_iam_account_password_policy" "strict" {',
          '  minimum_password_length        = var.min',
          '  require_uppercase_characters   = var.flag',
          '  require_lowercase_characters   = var.flag',
          '  require_numbers                = var.flag',
          '  require_symbols                = var.flag',
          '  max_password_age               = var.min',
          '  password_reuse_prevention      = var.min',
          '}',
          '',
        ].join('\n'),
      },
    },
  ],
  invalid: [
    {
      name: 'weak values from variable defaults and a missing setting',
      files: {
        'main.tf': [
          'variable "min_length" {',
          '  default = 8',
          '}',
          'resource "aws_iam_account_password_policy" "lax" {',
          '  minimum_password_length        = var.min_length',
          '  require_uppercase_characters   = true',
          '  require_lowercase_characters   = true',
          '  require_numbers                = true',
          '  require_symbols                = false',
          '  max_password_age               = 365',
          '  allow_users_to_change_password = true',
          '}',
          '',
        ].join('\n'),
      },
      errors: [
        { resource: 'aws_iam_account_password_policy.lax', messageId: 'shortMinimum', line: 5, message: 'passwords of 8 characters' },
        { resource: 'aws_iam_account_password_policy.lax', messageId: 'characterClass', line: 9, column: 36, message: 'a symbol' },
        { resource: 'aws_iam_account_password_policy.lax', messageId: 'maxAgeTooLong', line: 10, column: 36 },
        { resource: 'aws_iam_account_password_policy.lax', messageId: 'reuseUnset', line: 4, endLine: 12 },
      ],
    },
  ],
});
