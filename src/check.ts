/**
 * The checks API. A check is one module: its metadata, its messages and a pure `run` over the model that
 * reports model nodes. Locations come from the nodes, so a check never computes a line number.
 */
import type { Location } from './model/location.js';
import type { IamModel } from './model/model.js';
import type { PolicyDocument, Statement } from './model/policy.js';
import type { ResourceRef } from './model/resource-ref.js';
import type { Scalar, ValueList } from './model/scalar.js';
import type { Severity } from './severity.js';

export type Category =
  | 'least-privilege'
  | 'mfa'
  | 'trust'
  | 'identities'
  | 'credentials'
  | 'password-policy'
  | 'monitoring'
  | 'exposure'
  | 'validity'
  | 'cleanup'
  | 'parse'
  /** Declarative rules loaded from the user's rule files (`customRules` in the config). */
  | 'custom';

/** Equivalent rule ids in peer tools (shown in docs and `--explain`). */
export interface CheckSources {
  checkov?: string[];
  cfnNag?: string[];
  cdkNag?: string[];
  parliament?: string[];
  other?: string[];
}

export interface CheckMeta<MessageId extends string> {
  id: string;
  severity: Severity;
  category: Category;
  /** Starts with "Disallow" or "Require", no trailing period. */
  description: string;
  /** Keyed by messageId; `{{name}}` placeholders are filled from `data`. */
  messages: Record<MessageId, string>;
  sources?: CheckSources;
  references?: string[];
  /**
   * JSON Schema (draft-07) of the check's options (`rules.<id>.options` in the config file): an object schema with
   * `additionalProperties: false`. Compiled into the config validator at build time (scripts/build-config-schemas.mjs).
   */
  optionsSchema?: Readonly<Record<string, unknown>>;
  /** Documentation URL, for rules whose doc is not `checks/<category>/<id>.md` (custom rules). */
  helpUri?: string;
}

/** Anything a check can report: a statement, a document, or a resource-level entity. */
export type ReportNode = Statement | PolicyDocument | { ref: ResourceRef } | { owner: ResourceRef; loc: Location };

export interface RelatedInput {
  loc: Location;
  message: string;
}

export interface ReportDescriptor<MessageId extends string> {
  node: ReportNode;
  /** The exact element to point at, inside the node; defaults to the node's own span. */
  at?: Location | Scalar | ValueList;
  /** Extra logical path under the node, for a stable identity (`Action/2`). */
  path?: readonly (string | number)[];
  messageId: MessageId;
  data?: Record<string, string | number>;
  related?: RelatedInput[];
  /** A lower severity for advice-grade findings of the rule; never above the configured severity. */
  severity?: Severity;
}

export interface CheckContext<MessageId extends string, Options> {
  readonly model: IamModel;
  readonly options: Options;
  report(descriptor: ReportDescriptor<MessageId>): void;
}

export interface Check<MessageId extends string = string, Options = unknown> {
  meta: CheckMeta<MessageId>;
  defaultOptions: Options;
  run(ctx: CheckContext<MessageId, Options>): void;
}

/** Typed factory: a misspelled messageId does not compile, and options arrive with their defaults. */
export function defineCheck<MessageId extends string, Options = Record<string, never>>(def: {
  meta: CheckMeta<MessageId>;
  defaultOptions?: Options;
  run(ctx: CheckContext<MessageId, Options>): void;
}): Check<MessageId, Options> {
  return { meta: def.meta, defaultOptions: (def.defaultOptions ?? {}) as Options, run: def.run };
}

/** What the registry holds: the message and option types erased. */
export type AnyCheck = Check<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- options differ per check
