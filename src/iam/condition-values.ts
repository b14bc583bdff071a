/** Syntax of condition values for each operator value type. */
import { isIPv4, isIPv6 } from 'node:net';
import type { ConditionValueType } from './condition-operators.js';

/** A policy variable is resolved at request time, so its literal text is never a syntax error. */
function containsPolicyVariable(value: string): boolean {
  return /\$\{[^}]+\}/.test(value);
}

function isIpOrCidr(value: string): boolean {
  const slash = value.indexOf('/');
  const address = slash === -1 ? value : value.slice(0, slash);
  const prefix = slash === -1 ? undefined : value.slice(slash + 1);
  const max = isIPv4(address) ? 32 : isIPv6(address) ? 128 : -1;
  if (max === -1) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= max;
}

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** ISO 8601 date or date-time (extended format), or epoch seconds. */
function isDate(value: string): boolean {
  if (/^\d+$/.test(value)) return true;
  const m = ISO_DATE.exec(value);
  if (m === null) return false;
  const [, , month, day, hour, minute, second] = m.map((part) => (part === undefined ? undefined : Number(part)));
  // Absent parts (a date without time) are fine; present ones must be in range.
  const inRange = (n: number | undefined, lo: number, hi: number): boolean => n === undefined || (n >= lo && n <= hi);
  return (
    inRange(month, 1, 12) && inRange(day, 1, 31) && inRange(hour, 0, 23) && inRange(minute, 0, 59) && inRange(second, 0, 60)
  );
}

function isNumeric(value: string): boolean {
  return /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/.test(value);
}

/**
 * Is the value acceptable for an operator of this type?
 * IpAddress: IPv4/IPv6 with optional CIDR. Date: ISO 8601 date/date-time or epoch seconds.
 * Bool and Null: true/false (any case, or a JSON boolean). Numeric: integer or decimal.
 * Arn: starts with 'arn:' or contains a wildcard. String/Binary: anything.
 * Values containing a policy variable such as '${aws:username}' are always accepted.
 */
export function conditionValueValid(type: ConditionValueType, value: string | number | boolean): boolean {
  if (typeof value === 'string' && containsPolicyVariable(value)) return true;
  switch (type) {
    case 'String':
    case 'Binary':
      return true;
    case 'Bool':
    case 'Null':
      return typeof value === 'boolean' || (typeof value === 'string' && /^(true|false)$/i.test(value));
    case 'Numeric':
      return typeof value === 'number' ? Number.isFinite(value) : typeof value === 'string' && isNumeric(value);
    case 'Date':
      return typeof value === 'number' ? Number.isFinite(value) && value >= 0 : typeof value === 'string' && isDate(value);
    case 'IpAddress':
      return typeof value === 'string' && isIpOrCidr(value);
    case 'Arn':
      return typeof value === 'string' && (value.startsWith('arn:') || value.includes('*') || value.includes('?'));
  }
}
