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

export type UnitKind = 'policy-file' | 'terraform' | 'cloudformation' | 'cdk-assembly' | 'cdk-source';

/** One deployment unit: what project-wide rules look across. */
export interface UnitInfo {
  kind: UnitKind;
  /** A stable name: the folder of a Terraform root module, a template path, a cdk.out folder. */
  id: string;
  files: string[];
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
   * Suppressions written in the source's own structure (CloudFormation and CDK `Metadata.iamlint.ignore`). Comment
   * directives (`# iamlint-ignore ...`) are not here: the engine reads them from the text of every file.
   */
  suppressions?: DeclaredSuppression[];
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
