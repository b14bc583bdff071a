import type { Location } from './location.js';

/**
 * A parsed value that remembers where it was written. Every parser (JSON, YAML, HCL, TypeScript) lowers the
 * policy-shaped parts of its input to this tree, so one builder turns all of them into the IAM model.
 */
export type Located = LocatedObject | LocatedArray | LocatedScalar | LocatedUnknown | LocatedTemplate;

export interface LocatedObject {
  kind: 'object';
  entries: LocatedEntry[];
  loc: Location;
  /** Set when the object only exists under a template condition (CloudFormation `Fn::If` branch, `!Cond` for the false branch); copied to `Statement.guard`. */
  guard?: string;
}

export interface LocatedEntry {
  key: string;
  keyLoc: Location;
  value: Located;
  /** The key is an expression known only at deploy time (`test = var.operator`); `key` holds its text. */
  keyUnknown?: boolean;
}

export interface LocatedArray {
  kind: 'array';
  items: Located[];
  loc: Location;
}

export interface LocatedScalar {
  kind: 'scalar';
  value: string | number | boolean | null;
  loc: Location;
}

/** Another resource (or one of its attributes) that an unresolved expression points at. */
export interface RefTarget {
  address: string;
  attribute?: string;
}

/** A value the parser could not resolve (a variable without default, `!Ref Param`, `aws_iam_role.x.arn`). Never a wildcard. */
export interface LocatedUnknown {
  kind: 'unknown';
  text: string;
  loc: Location;
  ref?: RefTarget;
  /** Set when the unknown is known to stand for "this account" (AWS::AccountId, data.aws_caller_identity). */
  hint?: 'this-account';
}

/** A string built from literal text and unknown parts, e.g. `arn:aws:s3:::${var.bucket}/*`. */
export interface LocatedTemplate {
  kind: 'template';
  parts: TemplatePart[];
  loc: Location;
}

export type TemplatePart = string | { unknown: string; ref?: RefTarget; hint?: 'this-account' };

export function entry(obj: LocatedObject, key: string): LocatedEntry | undefined {
  return obj.entries.find((e) => e.key === key);
}
