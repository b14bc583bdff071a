import type { Location } from './location.js';
import type { PolicyDocument } from './policy.js';
import type { ResourceRef } from './resource-ref.js';
import type { Scalar } from './scalar.js';

/** An IAM user, group or role. */
export interface Identity {
  kind: 'user' | 'group' | 'role';
  ref: ResourceRef;
  name?: Scalar;
  /** Role trust policy. */
  trust?: PolicyDocument;
  /** Inline policies declared on the identity itself. */
  inlinePolicies: PolicyDocument[];
  /** Managed policies listed on the identity itself (`ManagedPolicyArns`, `managed_policy_arns`). */
  managedPolicyArns: Scalar[];
  permissionsBoundary?: Scalar;
  /** Users: the console password (`LoginProfile`, `aws_iam_user_login_profile`). */
  loginProfile?: { loc: Location; ref?: ResourceRef };
  /** Users: the groups listed on the user itself. */
  groups: Scalar[];
}

/** A customer managed policy or a standalone inline policy resource (`AWS::IAM::Policy`, `aws_iam_role_policy`). */
export interface PolicyResource {
  ref: ResourceRef;
  /** `managed` can be attached by ARN; `inline` is embedded in the identities it names. */
  kind: 'managed' | 'inline';
  name?: Scalar;
  document?: PolicyDocument;
  /** Identities named on the policy itself (`Roles`, `Users`, `Groups`, `role = ...`). */
  targets: AttachmentTarget[];
}

export interface AttachmentTarget {
  /** `permission-set`: an IAM Identity Center permission set (`aws_ssoadmin_managed_policy_attachment`). */
  kind: 'user' | 'group' | 'role' | 'permission-set';
  value: Scalar;
  loc: Location;
}

/** A managed policy attached to an identity by a separate resource or property. */
export interface Attachment {
  ref: ResourceRef;
  /** The policy ARN (or a reference to a policy resource). */
  policy: Scalar;
  target: AttachmentTarget;
  loc: Location;
}

export interface Membership {
  ref: ResourceRef;
  user: Scalar;
  group: Scalar;
  loc: Location;
}

export interface AccessKey {
  ref: ResourceRef;
  user?: Scalar;
  status?: Scalar;
}

/** A console password given to a user by a separate resource (`aws_iam_user_login_profile`). */
export interface LoginProfile {
  ref: ResourceRef;
  user: Scalar;
}

/** An MFA device declared in the project (`aws_iam_virtual_mfa_device`, `AWS::IAM::VirtualMFADevice`). */
export interface MfaDevice {
  ref: ResourceRef;
  /** Users it is bound to, when the format says. */
  users: Scalar[];
}

export interface OidcProvider {
  ref: ResourceRef;
  url?: Scalar;
  clientIds: Scalar[];
}

/**
 * A string literal written as a setting: a provider argument, a variable default, a template parameter default,
 * an environment variable, user data, an output. Credential checks scan these; the parser does not judge them.
 */
export interface TextValue {
  owner: ResourceRef;
  /** The setting's name or logical path (`access_key`, `Properties/Environment/Variables/AWS_SECRET_ACCESS_KEY`). */
  name: string;
  value: string;
  loc: Location;
}

/** A place where an access key's secret leaves the stack (an output, a plain SSM parameter). */
export interface SecretExposure {
  owner: ResourceRef;
  /** The access key whose secret is exposed. */
  key: string;
  via: string;
  loc: Location;
}

export interface PasswordPolicy {
  ref: ResourceRef;
  minimumLength?: Scalar;
  requireUppercase?: Scalar;
  requireLowercase?: Scalar;
  requireNumbers?: Scalar;
  requireSymbols?: Scalar;
  maxAge?: Scalar;
  reusePrevention?: Scalar;
}

export interface Trail {
  ref: ResourceRef;
  multiRegion?: Scalar;
  logFileValidation?: Scalar;
  kmsKey?: Scalar;
  cloudWatchLogGroup?: Scalar;
}

export interface ConfigRecorder {
  ref: ResourceRef;
  allSupported?: Scalar;
  includeGlobalResourceTypes?: Scalar;
  /** Resource types listed explicitly, when not recording all. */
  resourceTypes: Scalar[];
}

export interface Secret {
  ref: ResourceRef;
  /** Rotation declared on the secret itself. */
  rotation?: Location;
}

export interface SecretRotation {
  ref: ResourceRef;
  secret: Scalar;
}

export interface MetricFilter {
  ref: ResourceRef;
  pattern?: Scalar;
  logGroup?: Scalar;
  metricName?: Scalar;
  metricNamespace?: Scalar;
}

export interface Alarm {
  ref: ResourceRef;
  metricName?: Scalar;
  namespace?: Scalar;
}

/** A grant on a resource made outside a policy document (`AWS::Lambda::Permission`, `aws_lambda_permission`, a public Lambda URL). */
export interface PermissionGrant {
  ref: ResourceRef;
  principal: Scalar;
  action?: Scalar;
  sourceArn?: Scalar;
  sourceAccount?: Scalar;
  /** Other properties that narrow the grant (`PrincipalOrgID`, `FunctionUrlAuthType`). */
  conditions: { key: string; value: Scalar }[];
  loc: Location;
}

export interface AccountControls {
  passwordPolicies: PasswordPolicy[];
  trails: Trail[];
  configRecorders: ConfigRecorder[];
  secrets: Secret[];
  secretRotations: SecretRotation[];
  metricFilters: MetricFilter[];
  alarms: Alarm[];
  /** Access Analyzer analyzers declared. */
  analyzers: ResourceRef[];
}

/** An instance profile that hands roles to EC2 (`AWS::IAM::InstanceProfile`, `aws_iam_instance_profile`). */
export interface InstanceProfile {
  ref: ResourceRef;
  name?: Scalar;
  /** The roles it carries (a reference to a role resource, or a literal role name). */
  roles: Scalar[];
}
