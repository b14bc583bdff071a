/** The registry: every check, explicitly. Nothing else imports a check module. Kept sorted by id at export. */
import type { AnyCheck } from '../src/check.js';
import parseError from './parse/parse-error.js';
import adminAccess from './least-privilege/admin-access.js';
import notActionAllow from './least-privilege/not-action-allow.js';
import notPrincipalAllow from './least-privilege/not-principal-allow.js';
import notResourceAllow from './least-privilege/not-resource-allow.js';
import wildcardAction from './least-privilege/wildcard-action.js';
import wildcardResource from './least-privilege/wildcard-resource.js';
// least-privilege: admin/wildcards/Not* (imports)
import credentialsExposure from './least-privilege/credentials-exposure.js';
import dataExfiltration from './least-privilege/data-exfiltration.js';
import passRoleWildcard from './least-privilege/pass-role-wildcard.js';
import privilegeEscalation from './least-privilege/privilege-escalation.js';
import mfaDenyBoolCondition from './mfa/mfa-deny-bool-condition.js';
import principalInIdentityPolicy from './validity/principal-in-identity-policy.js';
// least-privilege: risky action classes, MFA, principals (imports)
import actionResourceMismatch from './validity/action-resource-mismatch.js';
import invalidCondition from './validity/invalid-condition.js';
import policySyntax from './validity/policy-syntax.js';
import unknownAction from './validity/unknown-action.js';
// validity (imports)
import resourcePolicyPublic from './exposure/resource-policy-public.js';
import resourcePolicyServiceNoSource from './exposure/resource-policy-service-no-source.js';
import trustAnyPrincipal from './trust/trust-any-principal.js';
import trustCrossAccountNoExternalId from './trust/trust-cross-account-no-external-id.js';
import trustOidcUnscoped from './trust/trust-oidc-unscoped.js';
import trustRootNoMfa from './trust/trust-root-no-mfa.js';
// trust and exposure (imports)
import secretNoRotation from './credentials/secret-no-rotation.js';
import cloudtrailNoLogValidation from './monitoring/cloudtrail-no-log-validation.js';
import cloudtrailNotEncrypted from './monitoring/cloudtrail-not-encrypted.js';
import cloudtrailNotMultiRegion from './monitoring/cloudtrail-not-multi-region.js';
import configNoGlobalResources from './monitoring/config-no-global-resources.js';
import iamChangeAlarmMissing from './monitoring/iam-change-alarm-missing.js';
import passwordPolicyWeak from './password-policy/password-policy-weak.js';
// account controls (imports)
import accessKeyCreated from './credentials/access-key-created.js';
import accessKeySecretExposed from './credentials/access-key-secret-exposed.js';
import hardcodedAwsCredentials from './credentials/hardcoded-aws-credentials.js';
import emptyGroup from './identities/empty-group.js';
import mfaMissingPrivileged from './identities/mfa-missing-privileged.js';
import unattachedPolicy from './identities/unattached-policy.js';
import userAttachedPolicy from './identities/user-attached-policy.js';
import userConsoleNoMfa from './identities/user-console-no-mfa.js';
import userInlinePolicy from './identities/user-inline-policy.js';
import userNoGroup from './identities/user-no-group.js';
import managedAdminPolicy from './least-privilege/managed-admin-policy.js';
// identities and credentials (imports)
import unusedSuppression from './cleanup/unused-suppression.js';
// suppressions (imports)

const checks: AnyCheck[] = [
  parseError,
  adminAccess,
  notActionAllow,
  notPrincipalAllow,
  notResourceAllow,
  wildcardAction,
  wildcardResource,
  // least-privilege: admin/wildcards/Not* (entries)
  credentialsExposure,
  dataExfiltration,
  passRoleWildcard,
  privilegeEscalation,
  mfaDenyBoolCondition,
  principalInIdentityPolicy,
  // least-privilege: risky action classes, MFA, principals (entries)
  actionResourceMismatch,
  invalidCondition,
  policySyntax,
  unknownAction,
  // validity (entries)
  resourcePolicyPublic,
  resourcePolicyServiceNoSource,
  trustAnyPrincipal,
  trustCrossAccountNoExternalId,
  trustOidcUnscoped,
  trustRootNoMfa,
  // trust and exposure (entries)
  secretNoRotation,
  cloudtrailNoLogValidation,
  cloudtrailNotEncrypted,
  cloudtrailNotMultiRegion,
  configNoGlobalResources,
  iamChangeAlarmMissing,
  passwordPolicyWeak,
  // account controls (entries)
  accessKeyCreated,
  accessKeySecretExposed,
  hardcodedAwsCredentials,
  emptyGroup,
  mfaMissingPrivileged,
  unattachedPolicy,
  userAttachedPolicy,
  userConsoleNoMfa,
  userInlinePolicy,
  userNoGroup,
  managedAdminPolicy,
  // identities and credentials (entries)
  unusedSuppression,
  // suppressions (entries)
];

export const ALL_CHECKS: readonly AnyCheck[] = checks.sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1));
