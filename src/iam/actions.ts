/** The action database: lookup, wildcard expansion and classification of written action strings. */
import { readDataJson, readOptionalDataJson } from './data-files.js';
import { actionGlob, hasWildcard } from './glob.js';
import type { RawAction, RawActionFile, RawResourceTypeFile } from './raw-data.js';
import { allServices, serviceExists } from './services.js';

export type AccessLevel = 'List' | 'Read' | 'Write' | 'Tagging' | 'Permissions management';

const ACCESS_LEVELS: ReadonlySet<string> = new Set<AccessLevel>([
  'List',
  'Read',
  'Write',
  'Tagging',
  'Permissions management',
]);

export interface ActionResourceType {
  name: string;
  /** The reference marks the resource type required (`*`) for the action. */
  required: boolean;
  /** ARN formats of the resource type; usually one, a few types document several. */
  arnFormats: string[];
  /** Condition keys the reference lists for the action on this resource type. */
  conditionKeys: string[];
}

/** One action of the service authorization reference. Instances are shared and frozen: do not mutate. */
export interface ActionInfo {
  /** Lower-case prefix, e.g. 's3'. */
  service: string;
  /** Canonical case, e.g. 'GetObject'. */
  name: string;
  /** 's3:GetObject'. */
  key: string;
  accessLevels: AccessLevel[];
  resourceTypes: ActionResourceType[];
  /** Every service condition key listed for the action: the action's own row plus its resource-type rows. */
  conditionKeys: string[];
  /** True when the action supports no resource-level scoping (only Resource "*"). */
  wildcardOnly: boolean;
}

/** Per service: lower-case action name -> info. */
const serviceCache = new Map<string, ReadonlyMap<string, ActionInfo>>();

function parseAccessLevels(raw: string): AccessLevel[] {
  return raw.split(', ').filter((level): level is AccessLevel => ACCESS_LEVELS.has(level));
}

function toActionInfo(service: string, raw: RawAction, resourceTypes: RawResourceTypeFile): ActionInfo {
  const rts = raw.resourceTypes.map((rt) => {
    const arn = resourceTypes[rt.name.toLowerCase()]?.arn;
    return Object.freeze({
      name: rt.name,
      required: rt.required,
      arnFormats: Object.freeze(arn === undefined ? [] : arn.split(', ')) as string[],
      conditionKeys: Object.freeze([...rt.conditionKeys]) as string[],
    });
  });
  const conditionKeys = new Set(raw.conditionKeys);
  for (const rt of raw.resourceTypes) for (const k of rt.conditionKeys) conditionKeys.add(k);
  return Object.freeze({
    service,
    name: raw.name,
    key: `${service}:${raw.name}`,
    accessLevels: Object.freeze(parseAccessLevels(raw.accessLevel)) as AccessLevel[],
    resourceTypes: Object.freeze(rts) as ActionResourceType[],
    conditionKeys: Object.freeze([...conditionKeys]) as string[],
    wildcardOnly: raw.resourceTypes.length === 0,
  });
}

/** Loads a service's actions on first use; the prefix must already be lower case and known. */
function serviceActions(service: string): ReadonlyMap<string, ActionInfo> {
  let actions = serviceCache.get(service);
  if (actions !== undefined) return actions;
  const raw = readDataJson('actions', `${service}.json`) as RawActionFile;
  const resourceTypes = (readOptionalDataJson('resourceTypes', `${service}.json`) ?? {}) as RawResourceTypeFile;
  const map = new Map<string, ActionInfo>();
  for (const [lowerName, action] of Object.entries(raw)) map.set(lowerName, toActionInfo(service, action, resourceTypes));
  serviceCache.set(service, map);
  return map;
}

/** All actions of a service; [] if the service is unknown. Case-insensitive. */
export function actionsOfService(prefix: string): ActionInfo[] {
  const service = prefix.toLowerCase();
  return serviceExists(service) ? [...serviceActions(service).values()] : [];
}

/** 'S3:getobject' -> info for s3:GetObject; undefined for unknown services/actions and for wildcards. */
export function lookupAction(action: string): ActionInfo | undefined {
  const colon = action.indexOf(':');
  if (colon <= 0) return undefined;
  const service = action.slice(0, colon).toLowerCase();
  if (!serviceExists(service)) return undefined;
  return serviceActions(service).get(action.slice(colon + 1).toLowerCase());
}

function expandWithinService(service: string, namePattern: string): ActionInfo[] {
  const actions = serviceActions(service);
  if (!hasWildcard(namePattern)) {
    const info = actions.get(namePattern.toLowerCase());
    return info === undefined ? [] : [info];
  }
  const re = actionGlob(namePattern);
  const out: ActionInfo[] = [];
  for (const info of actions.values()) if (re.test(info.name)) out.push(info);
  return out;
}

function matchingServices(servicePattern: string): string[] {
  if (!hasWildcard(servicePattern)) {
    const service = servicePattern.toLowerCase();
    return serviceExists(service) ? [service] : [];
  }
  const re = actionGlob(servicePattern);
  return allServices().filter((s) => re.test(s));
}

let everyAction: readonly ActionInfo[] | undefined;

function allActions(): readonly ActionInfo[] {
  everyAction ??= Object.freeze(allServices().flatMap((s) => [...serviceActions(s).values()]));
  return everyAction;
}

/**
 * Expands an action pattern with `*` / `?` (IAM glob, case-insensitive) to the actions it matches.
 * Action keys contain exactly one ':', so in a pattern that has one ':' the parts left and right of
 * it match service and action name separately; a pattern without ':' (such as '*') is matched
 * against whole keys of all services, as IAM would.
 */
export function expandActionPattern(pattern: string): ActionInfo[] {
  const colon = pattern.indexOf(':');
  if (colon === -1) {
    if (!hasWildcard(pattern)) return [];
    if (/^\*+$/.test(pattern)) return [...allActions()];
    const re = actionGlob(pattern);
    return allActions().filter((a) => re.test(a.key));
  }
  const namePattern = pattern.slice(colon + 1);
  if (namePattern.includes(':')) return [];
  return matchingServices(pattern.slice(0, colon)).flatMap((s) => expandWithinService(s, namePattern));
}

export type ActionClassification =
  /** A known action, or a wildcard matching at least one action. */
  | { kind: 'ok'; actions: ActionInfo[] }
  | { kind: 'unknown-service'; service: string }
  /** The service exists but no action matches (typo, or a wildcard matching nothing). */
  | { kind: 'unknown-action'; service: string }
  /** Neither 'service:action' nor '*'. */
  | { kind: 'malformed' };

/** Service prefixes are lower-case letters, digits and '-'; action names letters, digits, '_' and '-'. */
const WELL_FORMED = /^[A-Za-z0-9*?-]+:[A-Za-z0-9_*?-]+$/;

/** Classifies an action string as written in a policy; `service` in the result is as written. */
export function classifyAction(pattern: string): ActionClassification {
  if (pattern === '*') return { kind: 'ok', actions: [...allActions()] };
  if (!WELL_FORMED.test(pattern)) return { kind: 'malformed' };
  const colon = pattern.indexOf(':');
  const service = pattern.slice(0, colon);
  const services = matchingServices(service);
  if (services.length === 0) return { kind: 'unknown-service', service };
  const namePattern = pattern.slice(colon + 1);
  const actions = services.flatMap((s) => expandWithinService(s, namePattern));
  return actions.length === 0 ? { kind: 'unknown-action', service } : { kind: 'ok', actions };
}
