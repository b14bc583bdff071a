/**
 * IAM knowledge: the action database, wildcard and ARN matching, condition keys and operators,
 * escalation paths, privileged managed policies and risky action classes.
 * Every function is synchronous and pure; data files are read on first use and cached.
 */
export { allServices, serviceDisplayName, serviceExists } from './services.js';
export {
  actionsOfService,
  classifyAction,
  expandActionPattern,
  lookupAction,
  type AccessLevel,
  type ActionClassification,
  type ActionInfo,
  type ActionResourceType,
} from './actions.js';
export { actionPatternMatches, hasWildcard } from './glob.js';
export { arnPatternMatches, isAllResources, resourcePatternFitsFormat } from './arn-patterns.js';
export {
  isGlobalConditionKeyPrefix,
  isSingleValuedConditionKey,
  lookupConditionKey,
  type ConditionKeyInfo,
} from './condition-keys.js';
export { parseConditionOperator, type ConditionOperatorInfo, type ConditionValueType } from './condition-operators.js';
export { conditionValueValid } from './condition-values.js';
export { ESCALATION_PATHS, grantedEscalationPaths, minimalEscalationPaths, type EscalationPath } from './escalation.js';
export { ADMIN_MANAGED_POLICIES, findAdminManagedPolicy, type AdminManagedPolicy } from './managed-policies.js';
export { CREDENTIALS_EXPOSURE_ACTIONS, DATA_EXFILTRATION_ACTIONS, GUARDRAIL_REMOVAL_ACTIONS } from './risk-classes.js';
