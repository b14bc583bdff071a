import type { Location } from './location.js';

/**
 * The resource a model element belongs to, as users name it: `aws_iam_policy.admin`, `module.a.aws_iam_role.r`,
 * a CloudFormation logical id, or a policy file's path. Findings are reported against it.
 */
export interface ResourceRef {
  address: string;
  /** `aws_iam_policy`, `AWS::IAM::Role`, `policy-file`, ... */
  type: string;
  /** Where the resource is declared (its whole block). */
  loc: Location;
  /** Module call sites, outermost first, for resources inside modules. */
  callers?: Location[];
  /** The CDK construct path (`Stack/Role/Resource`) when known. */
  constructPath?: string;
}
