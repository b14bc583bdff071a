import type {
  AccessKey,
  AccountControls,
  Attachment,
  Identity,
  LoginProfile,
  Membership,
  MfaDevice,
  OidcProvider,
  InstanceProfile,
  PermissionGrant,
  PolicyResource,
  SecretExposure,
  TextValue,
} from './entities.js';
import type { Location } from './location.js';
import type { PolicyDocument } from './policy.js';
import type { ResourceRef } from './resource-ref.js';
import type { Scalar } from './scalar.js';

export type UnitKind = 'policy-file' | 'terraform' | 'terraform-plan' | 'cloudformation' | 'cdk-assembly' | 'cdk-source';

/** One deployment unit: what project-wide rules look across. */
export interface UnitInfo {
  kind: UnitKind;
  /** A stable name: the folder of a Terraform root module, a template path, a cdk.out folder. */
  id: string;
  files: string[];
  /** Account ids the unit is known to deploy into (a CDK stack's environment): principals there are this account. */
  accounts?: string[];
}

/** A file the parser could not read; becomes a `parse-error` finding. */
export interface ParseProblem {
  message: string;
  loc: Location;
  /** The resource or file the problem belongs to; the file's name when not given. */
  owner?: ResourceRef;
}

/** Something the parser wants the user to know that is not a rule violation (an unknown tag, an alias expanded). */
export interface ParseNote {
  message: string;
  loc: Location;
}

/** The normalized IAM content of one deployment unit. Parsers fill it; checks read it. */
export interface IamModel {
  unit: UnitInfo;
  documents: PolicyDocument[];
  identities: Identity[];
  policies: PolicyResource[];
  attachments: Attachment[];
  memberships: Membership[];
  accessKeys: AccessKey[];
  loginProfiles: LoginProfile[];
  mfaDevices: MfaDevice[];
  oidcProviders: OidcProvider[];
  /** Literal settings, for credential scanning. */
  textValues: TextValue[];
  secretExposures: SecretExposure[];
  permissionGrants: PermissionGrant[];
  /** Instance profiles and the roles they carry. */
  instanceProfiles: InstanceProfile[];
  account: AccountControls;
  parseProblems: ParseProblem[];
  notes: ParseNote[];
  /**
   * Resource addresses that expressions of the unit name somewhere the model does not follow (a module argument, a
   * local, an output): such a resource is in use even when no modelled entity points at it.
   */
  referencedAddresses?: Set<string>;
  /**
   * Suppressions written in the source's own structure (CloudFormation and CDK `Metadata.iamlint.ignore`). Comment
   * directives (`# iamlint-ignore ...`) are not here: the engine reads them from the text of every file.
   */
  suppressions?: DeclaredSuppression[];
  /** Grants made by method calls whose statements the parser does not spell out (CDK `bucket.grantRead(fn)`). */
  methodGrants?: MethodGrant[];
  /** Source units (a CDK app's TypeScript): where each construct is created, for findings of units generated from it. */
  sourceMap?: SourceMap;
}

export function emptyModel(unit: UnitInfo): IamModel {
  return {
    unit,
    documents: [],
    identities: [],
    policies: [],
    attachments: [],
    memberships: [],
    accessKeys: [],
    loginProfiles: [],
    mfaDevices: [],
    oidcProviders: [],
    textValues: [],
    secretExposures: [],
    permissionGrants: [],
    instanceProfiles: [],
    account: {
      passwordPolicies: [],
      trails: [],
      configRecorders: [],
      secrets: [],
      secretRotations: [],
      metricFilters: [],
      alarms: [],
      analyzers: [],
    },
    parseProblems: [],
    notes: [],
  };
}

/**
 * One suppression declared in a format's structure, e.g. a resource's `Metadata: { iamlint: { ignore: [{ rule,
 * reason, expires }] } }`. The engine applies it to the findings of `rule` in its scope, and reports it when it has
 * no reason, has expired, or matches nothing (`unused-suppression`).
 */
export interface DeclaredSuppression {
  rule: string;
  reason?: string;
  /** `YYYY-MM-DD` as written; the suppression lapses after that day. */
  expires?: string;
  /** A resource (its address, as findings name it) or, without `resource`, every finding in `file`. */
  scope: { file: string; resource?: string };
  /** Where the entry is written (reports about the suppression point here). */
  loc: Location;
  /** Set when the entry could not be read (e.g. `rule` missing); it then suppresses nothing and is reported. */
  problem?: string;
}

/**
 * Where the resources of a generated unit (a CDK cloud assembly) are written in the source it was generated from
 * (the CDK app's TypeScript). A source parser sets it; the engine (`src/engine/source-map.ts`) shows findings of the
 * generated units on these lines, and reports a finding found in both only once.
 */
export interface SourceMap {
  /** The app folder, root-relative ('' for the root). */
  root: string;
  /** Folders, root-relative, whose units are generated from this source (the app's `cdk.out`). */
  outputs: string[];
  /** Each construct and where it is created (`new X(scope, 'Id'`), by construct path; an id that could not be read is written `${...}`. */
  sites: SourceSite[];
}

export interface SourceSite {
  /** Construct path (`Prod/Api/Handler`), as `aws:cdk:path` writes it without the trailing `/Resource`. */
  path: string;
  loc: Location;
  kind: 'app' | 'stage' | 'stack' | 'construct';
}

/** A grant by method call (`bucket.grantRead(fn)`): the resource, the grantee, the method. */
export interface MethodGrant {
  /** The granting resource, when the parser knows it. */
  resource?: ResourceRef;
  /** The grantee (a reference to a role, user, group or function, or the value as written). */
  grantee: Scalar;
  /** The method as written (`grantRead`). */
  method: string;
  loc: Location;
}
