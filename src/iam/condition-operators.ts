/** IAM condition operators: which exist, what they compare, and their IfExists / set-operator decorations. */

export type ConditionValueType = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IpAddress' | 'Arn' | 'Null';

export interface ConditionOperatorInfo {
  /** Canonical operator name without decorations, e.g. 'StringLike'. */
  base: string;
  type: ConditionValueType;
  /** Written with the 'IfExists' suffix: also true when the key is absent from the request. */
  ifExists: boolean;
  setOperator?: 'ForAllValues' | 'ForAnyValue';
  /** A "Not" operator: true when the value does not match. */
  negated: boolean;
  /** Values may use `*` and `?` (StringLike, StringNotLike, ArnLike, ArnNotLike, ArnEquals, ArnNotEquals). */
  wildcards: boolean;
}

interface BaseOperator {
  base: string;
  type: ConditionValueType;
  negated: boolean;
  wildcards: boolean;
}

function op(base: string, type: ConditionValueType, negated = false, wildcards = false): BaseOperator {
  return { base, type, negated, wildcards };
}

/** The operators of the IAM policy grammar (IAM JSON policy elements: Condition operators). */
const BASE_OPERATORS: readonly BaseOperator[] = [
  op('StringEquals', 'String'),
  op('StringNotEquals', 'String', true),
  op('StringEqualsIgnoreCase', 'String'),
  op('StringNotEqualsIgnoreCase', 'String', true),
  op('StringLike', 'String', false, true),
  op('StringNotLike', 'String', true, true),
  op('NumericEquals', 'Numeric'),
  op('NumericNotEquals', 'Numeric', true),
  op('NumericLessThan', 'Numeric'),
  op('NumericLessThanEquals', 'Numeric'),
  op('NumericGreaterThan', 'Numeric'),
  op('NumericGreaterThanEquals', 'Numeric'),
  op('DateEquals', 'Date'),
  op('DateNotEquals', 'Date', true),
  op('DateLessThan', 'Date'),
  op('DateLessThanEquals', 'Date'),
  op('DateGreaterThan', 'Date'),
  op('DateGreaterThanEquals', 'Date'),
  op('Bool', 'Bool'),
  op('BinaryEquals', 'Binary'),
  op('IpAddress', 'IpAddress'),
  op('NotIpAddress', 'IpAddress', true),
  // ArnEquals behaves exactly like ArnLike: both accept wildcards.
  op('ArnEquals', 'Arn', false, true),
  op('ArnLike', 'Arn', false, true),
  op('ArnNotEquals', 'Arn', true, true),
  op('ArnNotLike', 'Arn', true, true),
  op('Null', 'Null'),
];

const BY_LOWER_NAME: ReadonlyMap<string, BaseOperator> = new Map(BASE_OPERATORS.map((o) => [o.base.toLowerCase(), o]));

const SET_OPERATORS = { forallvalues: 'ForAllValues', foranyvalue: 'ForAnyValue' } as const;

const IF_EXISTS = 'ifexists';

/**
 * Parses an operator such as 'StringEqualsIfExists' or 'ForAllValues:StringLike'. Matching ignores
 * case (the canonical name is returned); undefined for unknown operators. 'NullIfExists' is rejected
 * because Null tests for the key's presence, which IfExists would make meaningless.
 */
export function parseConditionOperator(op: string): ConditionOperatorInfo | undefined {
  let rest = op.toLowerCase();
  let setOperator: ConditionOperatorInfo['setOperator'];
  const colon = rest.indexOf(':');
  if (colon !== -1) {
    const prefix = rest.slice(0, colon);
    if (prefix !== 'forallvalues' && prefix !== 'foranyvalue') return undefined;
    setOperator = SET_OPERATORS[prefix];
    rest = rest.slice(colon + 1);
  }
  let base = BY_LOWER_NAME.get(rest);
  let ifExists = false;
  if (base === undefined && rest.endsWith(IF_EXISTS)) {
    base = BY_LOWER_NAME.get(rest.slice(0, -IF_EXISTS.length));
    ifExists = true;
  }
  if (base === undefined || (ifExists && base.type === 'Null')) return undefined;
  const info: ConditionOperatorInfo = {
    base: base.base,
    type: base.type,
    ifExists,
    negated: base.negated,
    wildcards: base.wildcards,
  };
  if (setOperator !== undefined) info.setOperator = setOperator;
  return info;
}
