import { defineCheck } from '../../src/check.js';
import {
  conditionValueValid,
  isGlobalConditionKeyPrefix,
  isSingleValuedConditionKey,
  lookupConditionKey,
  parseConditionOperator,
  type ConditionOperatorInfo,
  type ConditionValueType,
} from '../../src/iam/index.js';
import type { Location } from '../../src/model/location.js';
import type { Condition } from '../../src/model/policy.js';
import type { LiteralScalar } from '../../src/model/scalar.js';
import { quoteList } from '../../src/check-text.js';

/** A policy variable (`${aws:username}`) is resolved per request: such a value is never judged, like an unknown. */
const POLICY_VARIABLE = /\$\{[^}]+\}/;

/**
 * Operator types whose values have one unambiguous written form, and how a message names it. Date values are
 * not judged: AWS accepts several ISO 8601 forms as well as epoch seconds, and a date it cannot read only makes
 * the comparison false, so a date typo is left to review rather than reported (see the rule's documentation).
 */
const CHECKED_VALUE_TYPES: Partial<Record<ConditionValueType, string>> = {
  IpAddress: 'an IP address or CIDR range',
  Arn: 'an ARN (arn:...)',
  Bool: '"true" or "false"',
  Null: '"true" or "false"',
  Numeric: 'a number',
};

function literalValues(c: Condition): LiteralScalar[] {
  return c.values.items.filter((s): s is LiteralScalar => s.kind === 'literal' && s.type !== 'null');
}

function typedValue(s: LiteralScalar): string | number | boolean {
  if (s.type === 'number') return Number(s.value);
  if (s.type === 'boolean') return s.value === 'true';
  return s.value;
}

/** `*` or `?` in a value of an operator that compares literally; values with policy variables are not judged. */
function literalWildcards(op: ConditionOperatorInfo, c: Condition): string[] {
  if (op.type !== 'String' || op.wildcards) return [];
  return literalValues(c)
    .filter((s) => s.type === 'string' && /[*?]/.test(s.value) && !POLICY_VARIABLE.test(s.value))
    .map((s) => s.value);
}

function badValues(op: ConditionOperatorInfo, c: Condition): string[] {
  if (CHECKED_VALUE_TYPES[op.type] === undefined) return [];
  return literalValues(c)
    .filter((s) => !conditionValueValid(op.type, typedValue(s)))
    .map((s) => s.value);
}

function likeOperator(op: ConditionOperatorInfo): string {
  return op.negated ? 'StringNotLike' : 'StringLike';
}

export default defineCheck({
  meta: {
    id: 'invalid-condition',
    severity: 'medium',
    category: 'validity',
    description: 'Disallow condition operators, keys and values that cannot work as written',
    messages: {
      unknownOperator: 'Condition operator "{{operator}}" does not exist, so AWS rejects the policy; check the spelling (for example "StringEquals", "ArnLike", "BoolIfExists").',
      keyWithoutPrefix:
        'Condition key "{{key}}" has no service prefix such as "aws:" or "s3:", so no request ever carries it and the condition does not test what it seems to.',
      unknownGlobalKey:
        'Condition key "{{key}}" is not an AWS global condition key, so no request ever carries it and the condition does not test what it seems to; check the spelling.',
      forAllValuesSingleValued:
        '"{{operator}}" on the single-valued key "{{key}}" is also true when the key is absent from the request; use "{{suggestion}}" instead.',
      literalWildcard:
        '"{{operator}}" compares {{values}} of "{{key}}" literally, so "*" and "?" are no wildcards there; use "{{suggestion}}" for a pattern.',
      badValue: '"{{operator}}" on "{{key}}" expects {{expected}}, which {{values}} {{verb}} not, so the condition does not work as intended.',
    },
    sources: {
      parliament: ['UNKNOWN_OPERATOR', 'UNKNOWN_CONDITION_FOR_ACTION', 'SINGLE_VALUE_CONDITION_TOO_PERMISSIVE'],
      other: ['IAM Access Analyzer: Invalid condition key', 'IAM Access Analyzer: Invalid operator'],
    },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html',
    ],
  },
  run(ctx) {
    for (const doc of ctx.model.documents) {
      for (const st of doc.statements) {
        const reportedOperators = new Set<Location>();
        for (const c of st.conditions) {
          // An operator or key known only at deploy time cannot be judged.
          if (c.unknown) continue;
          const path = ['Condition', c.operator, c.key];
          const op = parseConditionOperator(c.operator);
          if (op === undefined && !reportedOperators.has(c.operatorLoc)) {
            // Once per operator, however many keys it holds.
            reportedOperators.add(c.operatorLoc);
            ctx.report({ node: st, at: c.operatorLoc, path: ['Condition', c.operator], messageId: 'unknownOperator', data: { operator: c.operator } });
          }
          if (!c.key.includes(':')) {
            ctx.report({ node: st, at: c.keyLoc, path, messageId: 'keyWithoutPrefix', data: { key: c.key } });
            continue;
          }
          if (isGlobalConditionKeyPrefix(c.key) && lookupConditionKey(c.key) === undefined) {
            ctx.report({ node: st, at: c.keyLoc, path, messageId: 'unknownGlobalKey', data: { key: c.key } });
            continue;
          }
          if (op === undefined) continue;
          if (op.setOperator === 'ForAllValues' && isSingleValuedConditionKey(c.key)) {
            const suggestion = c.operator.slice(c.operator.indexOf(':') + 1);
            ctx.report({ node: st, at: c.keyLoc, path, messageId: 'forAllValuesSingleValued', data: { operator: c.operator, key: c.key, suggestion } });
            continue;
          }
          const wildcards = literalWildcards(op, c);
          if (wildcards.length > 0) {
            ctx.report({
              node: st,
              at: c.loc,
              path,
              messageId: 'literalWildcard',
              data: { operator: c.operator, key: c.key, values: quoteList(wildcards), suggestion: likeOperator(op) },
            });
            continue;
          }
          const bad = badValues(op, c);
          if (bad.length > 0) {
            ctx.report({
              node: st,
              at: c.loc,
              path,
              messageId: 'badValue',
              data: {
                operator: c.operator,
                key: c.key,
                values: quoteList(bad),
                verb: bad.length > 1 ? 'are' : 'is',
                expected: CHECKED_VALUE_TYPES[op.type] ?? op.type,
              },
            });
          }
        }
      }
    }
  },
});
