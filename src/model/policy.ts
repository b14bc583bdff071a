import type { Located } from './located.js';
import type { Location } from './location.js';
import type { ResourceRef } from './resource-ref.js';
import type { Scalar, ValueList } from './scalar.js';

export type PolicyKind = 'identity' | 'resource' | 'trust' | 'boundary' | 'scp';

export interface PolicyDocument {
  /** Unique within a lint run: owner address plus the document's logical path. */
  id: string;
  kind: PolicyKind;
  /** Set when the parser could only guess the kind from the content (plain policy files). */
  kindInferred?: boolean;
  version?: Scalar;
  statements: Statement[];
  /** The whole document. */
  loc: Location;
  /** Logical path of the document inside its owner (`Properties/Policies/0/PolicyDocument`). */
  path: readonly (string | number)[];
  /** The resource that declares the document; findings go there. */
  owner: ResourceRef;
  /** Other resources that use this document (`aws_iam_policy.x` for a `data.aws_iam_policy_document`). */
  consumers: ResourceRef[];
  /** The document as written, for grammar validation. */
  source: Located;
  /** Policy name when the format gives one. */
  name?: Scalar;
}

export interface Statement {
  /** Position in the document's statement list. */
  index: number;
  sid?: Scalar;
  effect?: Scalar;
  action?: ValueList;
  notAction?: ValueList;
  resource?: ValueList;
  notResource?: ValueList;
  principal?: PrincipalBlock;
  notPrincipal?: PrincipalBlock;
  conditions: Condition[];
  /** The `Condition` element with its key, when present. */
  conditionLoc?: Location;
  loc: Location;
  path: readonly (string | number)[];
  document: PolicyDocument;
  /** Present when the statement only exists under a template condition (CloudFormation `Fn::If`). */
  guard?: string;
}

export interface PrincipalBlock {
  entries: PrincipalEntry[];
  loc: Location;
  attrLoc: Location;
}

/** One principal: `type` is `AWS`, `Service`, `Federated`, `CanonicalUser`, or `*` for `"Principal": "*"`. */
export interface PrincipalEntry {
  type: string;
  value: Scalar;
}

export interface Condition {
  /** The operator or the key is known only at deploy time: the condition might narrow anything. */
  unknown?: boolean;
  /** The operator as written, e.g. `StringEqualsIfExists`, `ForAnyValue:StringLike`. */
  operator: string;
  operatorLoc: Location;
  key: string;
  keyLoc: Location;
  values: ValueList;
  /** `"key": value` span. */
  loc: Location;
}
