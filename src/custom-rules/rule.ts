/**
 * A declarative custom rule turned into a check: `select` enumerates model elements, `match` (compiled once to a
 * function) decides which of them are reported. Findings go through the same path as built-in checks' findings.
 */
import { defineCheck, type AnyCheck } from '../check.js';
import { expandActionPattern, hasWildcard } from '../iam/index.js';
import type { IamModel } from '../model/model.js';
import type { PolicyDocument, PrincipalEntry, Statement } from '../model/policy.js';
import { coversAction, isAllActions, isAllow, isAllResourcesValue, isPublicPrincipal, literal } from '../model/query.js';
import { documentsOf } from '../model/relations.js';
import { scalarText } from '../model/scalar.js';
import type { Severity } from '../severity.js';
import { queryPath } from './jsonpath.js';
import { viewOf, type Element, type ResourceKind } from './view.js';

export interface CustomRuleDef {
  id: string;
  severity: Severity;
  description?: string;
  message: string;
  helpUri?: string;
  select: Select;
  match: Predicate;
}

export interface DocFilter {
  documentKinds?: string[];
  resourceTypes?: string[];
}

export type Select =
  | { statements: DocFilter & { effect?: 'Allow' | 'Deny' } }
  | { principals: DocFilter & { effect?: 'Allow' | 'Deny'; types?: string[] } }
  | { policies: DocFilter }
  | { resources: { kinds?: ResourceKind[]; types?: string[] } };

type StringOrList = string | string[];

export interface Predicate {
  all?: Predicate[];
  any?: Predicate[];
  not?: Predicate;
  grantsAction?: StringOrList;
  hasCondition?: string | { key: string; operator?: string };
  isWildcard?: 'action' | 'notAction' | 'resource' | 'notResource' | 'principal';
  principalIs?: StringOrList | { type?: string; value?: StringOrList };
  path?: string;
  exists?: boolean;
  equals?: unknown;
  matches?: StringOrList;
  allMatch?: StringOrList;
}

export const COMBINATORS = ['all', 'any', 'not'] as const;
export const BUILTINS = ['grantsAction', 'hasCondition', 'isWildcard', 'principalIs'] as const;
export const PATH_TESTS = ['exists', 'equals', 'matches', 'allMatch'] as const;

type Test = (el: Element, view: () => Record<string, unknown>) => boolean;

const list = (v: StringOrList | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** IAM-style glob (`*` any run, `?` one character), without regular expressions: linear in practice, never catastrophic. */
export function globMatch(pattern: string, value: string): boolean {
  let p = 0;
  let v = 0;
  let star = -1;
  let mark = 0;
  while (v < value.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === value[v])) {
      p++;
      v++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = v;
    } else if (star >= 0) {
      p = star + 1;
      v = ++mark;
    } else return false;
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

/** The statements a predicate about statements looks at, for any element. */
function statementsOf(el: Element): Statement[] {
  switch (el.kind) {
    case 'statement':
    case 'principal':
      return [el.st];
    case 'policy':
      return el.doc.statements;
    case 'resource': {
      const e = el.entity;
      if (el.resourceKind === 'role' || el.resourceKind === 'user' || el.resourceKind === 'group') {
        return documentsOf(el.model, e as Parameters<typeof documentsOf>[1]).flatMap((d) => d.statements);
      }
      const doc = (e as { document?: PolicyDocument }).document;
      return doc ? doc.statements : [];
    }
  }
}

/** The principals a predicate about principals looks at: a role's are those of its trust policy. */
function principalsOf(el: Element): PrincipalEntry[] {
  if (el.kind === 'principal') return [el.entry];
  if (el.kind === 'resource' && el.resourceKind === 'role') {
    const trust = (el.entity as { trust?: PolicyDocument }).trust;
    return (trust?.statements ?? []).flatMap((st) => st.principal?.entries ?? []);
  }
  return statementsOf(el).flatMap((st) => st.principal?.entries ?? []);
}

function grants(st: Statement, action: string): boolean {
  if (!isAllow(st)) return false;
  if (!hasWildcard(action)) return coversAction(st, action);
  return expandActionPattern(action).some((a) => coversAction(st, a.key));
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

const isPresent = (v: unknown): boolean => v !== null && v !== undefined;
const scalarString = (v: unknown): string | undefined => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);

/** Compiles a predicate (already validated) to a test. */
export function compilePredicate(p: Predicate): Test {
  if (p.all) {
    const parts = p.all.map(compilePredicate);
    return (el, view) => parts.every((t) => t(el, view));
  }
  if (p.any) {
    const parts = p.any.map(compilePredicate);
    return (el, view) => parts.some((t) => t(el, view));
  }
  if (p.not) {
    const inner = compilePredicate(p.not);
    return (el, view) => !inner(el, view);
  }
  if (p.grantsAction !== undefined) {
    const actions = list(p.grantsAction);
    return (el) => statementsOf(el).some((st) => actions.some((a) => grants(st, a)));
  }
  if (p.hasCondition !== undefined) {
    const spec = typeof p.hasCondition === 'string' ? { key: p.hasCondition } : p.hasCondition;
    const key = spec.key.toLowerCase();
    return (el) => statementsOf(el).some((st) => st.conditions.some((c) => c.key.toLowerCase() === key && (!spec.operator || c.operator === spec.operator)));
  }
  if (p.isWildcard !== undefined) {
    const what = p.isWildcard;
    return (el) => {
      if (what === 'principal') return principalsOf(el).some(isPublicPrincipal);
      return statementsOf(el).some((st) => {
        if (what === 'action') return !!st.action?.items.some(isAllActions);
        if (what === 'notAction') return !!st.notAction?.items.some(isAllActions);
        if (what === 'resource') return !!st.resource?.items.some(isAllResourcesValue);
        return !!st.notResource?.items.some(isAllResourcesValue);
      });
    };
  }
  if (p.principalIs !== undefined) {
    const spec = typeof p.principalIs === 'object' && !Array.isArray(p.principalIs) ? p.principalIs : { value: p.principalIs };
    const values = list(spec.value);
    return (el) =>
      principalsOf(el).some((e) => (!spec.type || e.type === spec.type) && (values.length === 0 || values.some((g) => globMatch(g, scalarText(e.value)))));
  }
  const path = p.path as string;
  const select = (view: () => Record<string, unknown>): unknown[] => queryPath(path, view());
  if (p.equals !== undefined) {
    const want = p.equals;
    return (_, view) => select(view).some((v) => deepEqual(v, want));
  }
  if (p.matches !== undefined) {
    const globs = list(p.matches);
    return (_, view) => select(view).some((v) => {
      const s = scalarString(v);
      return s !== undefined && globs.some((g) => globMatch(g, s));
    });
  }
  if (p.allMatch !== undefined) {
    const globs = list(p.allMatch);
    return (_, view) => select(view).every((v) => {
      const s = scalarString(v);
      return s !== undefined && globs.some((g) => globMatch(g, s));
    });
  }
  const want = p.exists ?? true;
  return (_, view) => select(view).some(isPresent) === want;
}

function docPasses(doc: PolicyDocument, f: DocFilter): boolean {
  return (!f.documentKinds || f.documentKinds.includes(doc.kind)) && (!f.resourceTypes || f.resourceTypes.includes(doc.owner.type));
}

/** The elements a rule looks at in one model. */
export function* selectElements(model: IamModel, select: Select): Generator<Element> {
  if ('statements' in select || 'principals' in select) {
    const f = 'statements' in select ? select.statements : select.principals;
    for (const doc of model.documents) {
      if (!docPasses(doc, f)) continue;
      for (const st of doc.statements) {
        if (f.effect && literal(st.effect) !== f.effect) continue;
        if ('statements' in select) yield { kind: 'statement', st };
        else {
          const types = select.principals.types;
          const entries = st.principal?.entries ?? [];
          for (let index = 0; index < entries.length; index++) {
            const entry = entries[index] as PrincipalEntry;
            if (!types || types.includes(entry.type)) yield { kind: 'principal', st, entry, index };
          }
        }
      }
    }
    return;
  }
  if ('policies' in select) {
    for (const doc of model.documents) if (docPasses(doc, select.policies)) yield { kind: 'policy', doc };
    return;
  }
  const { kinds, types } = select.resources;
  const want = (k: ResourceKind, type: string): boolean => (!kinds || kinds.includes(k)) && (!types || types.includes(type));
  for (const i of model.identities) if (want(i.kind, i.ref.type)) yield { kind: 'resource', ref: i.ref, resourceKind: i.kind, model, entity: i };
  for (const p of model.policies) if (want('policy', p.ref.type)) yield { kind: 'resource', ref: p.ref, resourceKind: 'policy', model, entity: p };
  for (const k of model.accessKeys) if (want('access-key', k.ref.type)) yield { kind: 'resource', ref: k.ref, resourceKind: 'access-key', model, entity: k };
  for (const o of model.oidcProviders) if (want('oidc-provider', o.ref.type)) yield { kind: 'resource', ref: o.ref, resourceKind: 'oidc-provider', model, entity: o };
  for (const p of model.instanceProfiles ?? []) {
    if (want('instance-profile', p.ref.type)) yield { kind: 'resource', ref: p.ref, resourceKind: 'instance-profile', model, entity: p };
  }
}

/** Top-level scalars (and lists of scalars) of a view, for `{{placeholders}}` in the message. */
function messageData(view: Record<string, unknown>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(view)) {
    if (typeof v === 'string' || typeof v === 'number') out[k] = v;
    else if (typeof v === 'boolean') out[k] = String(v);
    else if (v === null) out[k] = '';
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) out[k] = v.join(', ');
  }
  return out;
}

/** The check of a custom rule. `file` is where it was defined (for --explain). */
export function customRuleCheck(def: CustomRuleDef, file: string): AnyCheck & { file: string } {
  const test = compilePredicate(def.match);
  const check = defineCheck<'match'>({
    meta: {
      id: def.id,
      severity: def.severity,
      category: 'custom',
      description: def.description ?? `Custom rule ${def.id}`,
      messages: { match: def.message },
      ...(def.helpUri ? { helpUri: def.helpUri } : {}),
    },
    run(ctx) {
      for (const el of selectElements(ctx.model, def.select)) {
        let cached: Record<string, unknown> | undefined;
        const view = (): Record<string, unknown> => (cached ??= viewOf(el));
        if (!test(el, view)) continue;
        const data = messageData(view());
        switch (el.kind) {
          case 'statement':
            ctx.report({ node: el.st, messageId: 'match', data });
            break;
          case 'principal':
            ctx.report({ node: el.st, at: el.entry.value, path: ['Principal', el.entry.type, el.index], messageId: 'match', data });
            break;
          case 'policy':
            ctx.report({ node: el.doc, messageId: 'match', data });
            break;
          case 'resource':
            ctx.report({ node: { ref: el.ref }, messageId: 'match', data });
            break;
        }
      }
    },
  });
  return { ...check, file };
}
