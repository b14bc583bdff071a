import type { Severity } from './severity.js';

export interface RelatedLocation {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

/** What reporters see. `file` is relative to the lint root, with forward slashes. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  messageId: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The resource the finding belongs to (`aws_iam_policy.x`, a logical id, a policy file path). */
  resource: string;
  resourceType: string;
  /** Logical path of the offending element inside the resource; with rule and resource, a stable identity. */
  path: string;
  /** The CDK construct path of the resource (`Stack/Api/Handler/ServiceRole`), when it came from a CDK app. */
  constructPath?: string;
  related?: RelatedLocation[];
  /** Set when an inline or declared suppression hides the finding (JSON and SARIF still show it). */
  suppressed?: FindingSuppression;
}

export interface FindingSuppression {
  /** `inSource`: a comment or metadata in the linted file (SARIF's kind). */
  kind: 'inSource';
  reason: string;
  /** `YYYY-MM-DD`: the suppression lapses after that day. */
  until?: string;
  /** Where the suppression is written. */
  file: string;
  line: number;
}
