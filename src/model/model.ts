import type {
  AccessKey,
  AccountControls,
  Attachment,
  Identity,
  LoginProfile,
  Membership,
  MfaDevice,
  OidcProvider,
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
  account: AccountControls;
  parseProblems: ParseProblem[];
  notes: ParseNote[];
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
