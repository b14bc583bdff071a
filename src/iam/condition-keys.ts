/** Condition keys: global `aws:` keys, service keys, and keys with a variable part (`aws:PrincipalTag/team`). */
import { iamDataModule, readDataJson, readOptionalDataJson } from './data-files.js';
import type { RawConditionKeyFile, RawConditionPatterns, RawUnassociatedConditions } from './raw-data.js';
import { serviceExists } from './services.js';

export interface ConditionKeyInfo {
  /**
   * Canonical key from the data; for keys with a variable part the template, e.g.
   * 'ec2:ResourceTag/${TagKey}' or 'aws:PrincipalTag/${TagKey}', as ActionInfo.conditionKeys spells them.
   */
  key: string;
  /** Data type as in the reference: String, ArrayOfString, ARN, ArrayOfARN, Bool, Numeric, Date, IPAddress ... */
  type: string;
  /** 'service' also covers keys of identity providers in trust policies ('saml:aud', 'accounts.google.com:sub'). */
  scope: 'global' | 'service';
}

/** Key starts with 'aws:' (case-insensitive): the global namespace. */
export function isGlobalConditionKeyPrefix(key: string): boolean {
  return key.slice(0, 4).toLowerCase() === 'aws:';
}

interface ServiceKeys {
  exact: RawConditionKeyFile;
  /** Keys with a variable part, compiled: 'ec2:ResourceTag/${TagKey}' -> /^ec2:ResourceTag\/.+$/i. */
  templates: { re: RegExp; key: string; type: string }[];
}

const serviceKeyCache = new Map<string, ServiceKeys>();

function templateRegExp(template: string): RegExp {
  // The data writes variable parts as ${Name} or <name>.
  const parts = template.split(/(\$\{[^}]*\}|<[^>]*>)/);
  const source = parts
    .map((part, i) => (i % 2 === 1 ? '.+' : part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 'i');
}

function serviceKeys(service: string): ServiceKeys {
  let keys = serviceKeyCache.get(service);
  if (keys === undefined) {
    const exact = (readOptionalDataJson('conditionKeys', `${service}.json`) ?? {}) as RawConditionKeyFile;
    const templates = Object.values(exact)
      .filter((k) => /\$\{|</.test(k.key))
      .map((k) => ({ re: templateRegExp(k.key), key: k.key, type: k.type }));
    keys = { exact, templates };
    serviceKeyCache.set(service, keys);
  }
  return keys;
}

/** unassociatedConditions.json with lower-case prefixes (the file spells some with capitals, e.g. '${Domain}'). */
let unassociated: ReadonlyMap<string, readonly string[]> | undefined;
let patterns: { re: RegExp; template: string; prefix: string }[] | undefined;

/** Services holding keys of a prefix: the service itself, or e.g. 'saml' -> ['sts']. */
function servicesForPrefix(prefix: string): readonly string[] {
  if (serviceExists(prefix)) return [prefix];
  if (unassociated === undefined) {
    const raw = (readOptionalDataJson('unassociatedConditions.json') ?? {}) as RawUnassociatedConditions;
    unassociated = new Map(Object.entries(raw).map(([k, services]) => [k.toLowerCase(), services]));
  }
  return unassociated.get(prefix) ?? [];
}

/** conditionPatterns.json, compiled once; it also covers prefixes with a variable part (custom OIDC issuers). */
function conditionPatterns(): { re: RegExp; template: string; prefix: string }[] {
  if (patterns === undefined) {
    const raw = readDataJson('conditionPatterns.json') as RawConditionPatterns;
    patterns = [];
    for (const [prefix, entries] of Object.entries(raw)) {
      for (const [source, template] of Object.entries(entries)) {
        patterns.push({ re: new RegExp(`^${source}$`, 'i'), template, prefix });
      }
    }
  }
  return patterns;
}

function fromService(service: string, lowerKey: string): ConditionKeyInfo | undefined {
  const keys = serviceKeys(service);
  const exact = keys.exact[lowerKey];
  if (exact !== undefined) return { key: exact.key, type: exact.type, scope: 'service' };
  const template = keys.templates.find((t) => t.re.test(lowerKey));
  return template === undefined ? undefined : { key: template.key, type: template.type, scope: 'service' };
}

function lookupGlobal(key: string): ConditionKeyInfo | undefined {
  const lib = iamDataModule();
  const exact = lib.getGlobalConditionKeyByName(key);
  if (exact !== undefined) return { key: exact.key, type: exact.type, scope: 'global' };
  // Keys with a variable part: 'aws:PrincipalTag/team' is listed as 'aws:PrincipalTag/tag-key'.
  const slash = key.indexOf('/');
  if (slash === -1 || slash === key.length - 1 || !isGlobalConditionKeyPrefix(key)) return undefined;
  const variable = lib.getGlobalConditionKeyByPrefix(key.slice(0, slash));
  if (variable === undefined) return undefined;
  // Spell the variable part as the service data does ('aws:RequestTag/${TagKey}'), so the key can
  // be compared with ActionInfo.conditionKeys.
  return { key: variable.key.replace(/\/tag-key$/, '/${TagKey}'), type: variable.type, scope: 'global' };
}

/**
 * Claims every OIDC identity provider passes to STS. The data lists provider-specific claims only
 * (GitHub's 'actor', GitLab's 'project_id' ...), yet trust policies mostly test these standard ones:
 * 'token.actions.githubusercontent.com:sub', 'oidc.eks.<region>.amazonaws.com/id/<id>:aud'.
 */
const STANDARD_OIDC_CLAIMS: ReadonlySet<string> = new Set(['aud', 'sub', 'azp', 'amr', 'oaud']);

/** A provider prefix is a host name, optionally with a path; AWS service prefixes never contain '.'. */
function standardOidcClaim(key: string): ConditionKeyInfo | undefined {
  const colon = key.lastIndexOf(':');
  const provider = key.slice(0, colon);
  if (colon <= 0 || provider.includes(':') || !/^[a-z0-9-]+(\.[a-z0-9-]+)+(\/\S*)?$/i.test(provider)) return undefined;
  return STANDARD_OIDC_CLAIMS.has(key.slice(colon + 1).toLowerCase()) ? { key, type: 'String', scope: 'service' } : undefined;
}

const lookupCache = new Map<string, ConditionKeyInfo | null>();

function lookupUncached(key: string): ConditionKeyInfo | undefined {
  const lowerKey = key.toLowerCase();
  const global = lookupGlobal(lowerKey);
  if (global !== undefined || isGlobalConditionKeyPrefix(lowerKey)) return global;
  const colon = lowerKey.indexOf(':');
  if (colon <= 0 || colon === lowerKey.length - 1) return undefined;
  for (const service of servicesForPrefix(lowerKey.slice(0, colon))) {
    const found = fromService(service, lowerKey);
    if (found !== undefined) return found;
  }
  for (const pattern of conditionPatterns()) {
    if (!pattern.re.test(lowerKey)) continue;
    for (const service of servicesForPrefix(pattern.prefix.toLowerCase())) {
      const found = fromService(service, pattern.template.toLowerCase());
      if (found !== undefined) return found;
    }
  }
  return standardOidcClaim(key);
}

/**
 * Looks up a condition key, case-insensitive, including keys with a variable part such as
 * 'aws:RequestTag/Env', 'aws:PrincipalTag/team', 's3:ExistingObjectTag/x', 'ec2:ResourceTag/Name'.
 * Global keys include the few non-`aws:` session keys AWS documents as global (e.g. 'ec2:SourceInstanceArn').
 */
export function lookupConditionKey(key: string): ConditionKeyInfo | undefined {
  const cached = lookupCache.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const raw = lookupUncached(key);
  // Shared with every later caller, so frozen.
  const found = raw === undefined ? undefined : Object.freeze(raw);
  if (lookupCache.size >= 10_000) lookupCache.clear();
  lookupCache.set(key, found ?? null);
  return found;
}

/**
 * True when the key is known and holds a single value (its type is not ArrayOf*), e.g.
 * aws:PrincipalOrgID, aws:SourceAccount. Unknown keys give false: nothing can be said about them.
 */
export function isSingleValuedConditionKey(key: string): boolean {
  const info = lookupConditionKey(key);
  return info !== undefined && !info.type.startsWith('ArrayOf');
}
