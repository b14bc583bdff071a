/**
 * `data "aws_iam_policy_document"` lowered to an IAM JSON tree whose nodes carry the HCL locations (the
 * `actions = [...]` attribute stands for `Action`), merged with `source_policy_documents`,
 * `override_policy_documents`, `source_json` and `override_json` by Sid the way the AWS provider does.
 */
import { append } from './append.js';
import type { Located, LocatedEntry, LocatedObject } from '../../src/model/located.js';
import type { Location } from '../../src/model/location.js';
import { attrOf, type Body } from './ast.js';
import type { Evaluator, Scope } from './eval.js';
import { asText, toLocated, type ObjEntry, type Val } from './values.js';

/** A statement, principal or condition written as a block or as an object value (the legacy `statement = [{...}]`). */
interface Source {
  loc: Location;
  /** Where a default (Effect Allow) is said to be written. */
  keywordLoc: Location;
  get(name: string): { keyLoc: Location; val: Val } | undefined;
  nested(name: string): Source[];
}

function blockSource(ev: Evaluator, body: Body, scope: Scope, loc: Location, keywordLoc: Location): Source {
  return {
    loc,
    keywordLoc,
    get(name) {
      const a = attrOf(body, name);
      if (!a) return undefined;
      return { keyLoc: a.ctx.loc(a.ns, a.ne), val: ev.evalAttr(a, scope) };
    },
    nested(name) {
      const out: Source[] = ev.nested(body, name, scope).map((n) => blockSource(ev, n.body, n.scope, n.block.ctx.loc(n.block.s, n.block.e), n.block.ctx.loc(n.block.ts, n.block.te)));
      // `principals = [{...}]` written as an attribute.
      const a = attrOf(body, name);
      if (a) append(out, valueSources(ev.evalAttr(a, scope), a.ctx.loc(a.ns, a.ne)));
      return out;
    },
  };
}

function valueSources(v: Val, keyLoc: Location): Source[] {
  const items = v.k === 'list' ? v.items : v.k === 'obj' ? [v] : [];
  return items.filter((i): i is Extract<Val, { k: 'obj' }> => i.k === 'obj').map((o) => objectSource(o, keyLoc));
}

function objectSource(o: Extract<Val, { k: 'obj' }>, keywordLoc: Location): Source {
  const find = (name: string): ObjEntry | undefined => o.entries.find((e) => e.key === name);
  return {
    loc: o.loc,
    keywordLoc,
    get(name) {
      const e = find(name);
      return e ? { keyLoc: e.keyLoc, val: e.value } : undefined;
    },
    nested(name) {
      const e = find(name);
      return e ? valueSources(e.value, e.keyLoc) : [];
    },
  };
}

const scalar = (value: string, loc: Location): Located => ({ kind: 'scalar', value, loc });

function entryOf(key: string, keyLoc: Location, value: Located): LocatedEntry {
  return { key, keyLoc, value };
}

/** A list attribute as located items (a single value stays single). */
function located(v: Val): Located {
  return toLocated(v);
}

function lowerStatement(st: Source): LocatedObject {
  const entries: LocatedEntry[] = [];
  const simple = (attr: string, key: string): void => {
    const a = st.get(attr);
    // Absent, null, or an attribute the value does not have (an evaluation error Terraform would reject).
    if (!a || a.val.k === 'null' || (a.val.k === 'unk' && a.val.err)) return;
    // The provider leaves an empty list out of the JSON.
    if (a.val.k === 'list' && a.val.items.length === 0 && attr !== 'sid') return;
    entries.push(entryOf(key, a.keyLoc, located(a.val)));
  };
  simple('sid', 'Sid');
  const effect = st.get('effect');
  if (effect && effect.val.k !== 'null') entries.push(entryOf('Effect', effect.keyLoc, located(effect.val)));
  else entries.push(entryOf('Effect', st.keywordLoc, scalar('Allow', st.keywordLoc)));
  simple('actions', 'Action');
  simple('not_actions', 'NotAction');
  simple('resources', 'Resource');
  simple('not_resources', 'NotResource');
  for (const [block, key] of [
    ['principals', 'Principal'],
    ['not_principals', 'NotPrincipal'],
  ] as const) {
    const ps = st.nested(block);
    if (ps.length) entries.push(lowerPrincipals(ps, key));
  }
  const conds = st.nested('condition');
  if (conds.length) {
    const c = lowerConditions(conds);
    if ((c.value as LocatedObject).entries.length) entries.push(c);
  }
  return { kind: 'object', entries, loc: st.loc };
}

function lowerPrincipals(ps: Source[], key: string): LocatedEntry {
  const first = ps[0] as Source;
  const byType = new Map<string, { keyLoc: Location; items: Located[]; loc: Location; single: boolean }>();
  const order: string[] = [];
  let unknownType: Val | undefined;
  for (const p of ps) {
    const type = p.get('type');
    const ids = p.get('identifiers');
    if (!type || !ids) continue;
    const t = asText(type.val);
    if (t === undefined) {
      // A principal type known only at apply cannot be a key of the Principal element.
      unknownType ??= type.val;
      continue;
    }
    const value = located(ids.val);
    const items = value.kind === 'array' ? value.items : [value];
    const existing = byType.get(t);
    if (existing) append(existing.items, items);
    else {
      byType.set(t, { keyLoc: type.val.loc, items: [...items], loc: value.loc, single: value.kind !== 'array' });
      order.push(t);
    }
  }
  // Only principals of unknown type: the whole element is unknown.
  if (order.length === 0 && unknownType) return entryOf(key, first.keywordLoc, toLocated(unknownType.k === 'unk' ? unknownType : { k: 'unk', text: 'principal type', loc: unknownType.loc }));
  // `type = "*"` with `identifiers = ["*"]` is written `"Principal": "*"` by the provider.
  const star = byType.get('*');
  if (order.length === 1 && star && star.items.length === 1) {
    const only = star.items[0] as Located;
    if (only.kind === 'scalar' && only.value === '*') return entryOf(key, first.keywordLoc, scalar('*', only.loc));
  }
  const entries = order.map((t) => {
    const g = byType.get(t) as { keyLoc: Location; items: Located[]; loc: Location; single: boolean };
    const value: Located = g.single && g.items.length === 1 ? (g.items[0] as Located) : { kind: 'array', items: g.items, loc: g.loc };
    return entryOf(t, g.keyLoc, value);
  });
  return entryOf(key, first.keywordLoc, { kind: 'object', entries, loc: first.loc });
}

function unknownText(v: Val): string {
  return v.k === 'unk' ? v.text : 'unknown';
}

function lowerConditions(cs: Source[]): LocatedEntry {
  const first = cs[0] as Source;
  const ops: LocatedEntry[] = [];
  for (const c of cs) {
    const test = c.get('test');
    const variable = c.get('variable');
    const values = c.get('values');
    if (!test || !variable || !values) continue;
    // An operator or key known only at apply is kept under its expression text, marked unknown: it may narrow
    // the statement, so it must not look unconditioned.
    const opText = asText(test.val);
    const keyText = asText(variable.val);
    const op = opText ?? `\${${unknownText(test.val)}}`;
    const key = keyText ?? `\${${unknownText(variable.val)}}`;
    let opEntry = ops.find((e) => e.key === op);
    if (!opEntry) {
      opEntry = entryOf(op, test.val.loc, { kind: 'object', entries: [], loc: c.loc });
      if (opText === undefined) opEntry.keyUnknown = true;
      ops.push(opEntry);
    }
    const obj = opEntry.value as LocatedObject;
    const value = located(values.val);
    const existing = obj.entries.find((e) => e.key === key);
    if (existing) {
      const prev = existing.value.kind === 'array' ? existing.value.items : [existing.value];
      const add = value.kind === 'array' ? value.items : [value];
      existing.value = { kind: 'array', items: [...prev, ...add], loc: existing.value.loc };
    } else {
      const e = entryOf(key, variable.val.loc, value);
      if (keyText === undefined) e.keyUnknown = true;
      obj.entries.push(e);
    }
  }
  return entryOf('Condition', first.keywordLoc, { kind: 'object', entries: ops, loc: first.loc });
}

function statementsOf(doc: Located | undefined): Located[] {
  if (!doc || doc.kind !== 'object') return [];
  const st = doc.entries.find((e) => e.key === 'Statement')?.value;
  if (!st) return [];
  return st.kind === 'array' ? st.items : [st];
}

function sidOf(st: Located): string | undefined {
  if (st.kind !== 'object') return undefined;
  const sid = st.entries.find((e) => e.key === 'Sid')?.value;
  return sid?.kind === 'scalar' && typeof sid.value === 'string' && sid.value !== '' ? sid.value : undefined;
}

/** The provider's merge: a statement with the Sid of an earlier one replaces it in place; the rest are appended. */
function merge(into: Located[], add: Located[]): void {
  for (const st of add) {
    const sid = sidOf(st);
    const at = sid === undefined ? -1 : into.findIndex((x) => sidOf(x) === sid);
    if (at >= 0) into[at] = st;
    else into.push(st);
  }
}

function versionOf(doc: Located | undefined): Located | undefined {
  return doc?.kind === 'object' ? doc.entries.find((e) => e.key === 'Version')?.value : undefined;
}

export interface LoweringHooks {
  /** Another document given as JSON (`data.x.json`, a heredoc, `jsonencode(...)`), already located; undefined if unknown. */
  documentOf(v: Val, what: string): Located | undefined;
}

/** The data source's body as an IAM policy document, located in the `.tf`. */
export function lowerPolicyDocument(ev: Evaluator, body: Body, scope: Scope, blockLoc: Location, headerLoc: Location, hooks: LoweringHooks): LocatedObject {
  const src = blockSource(ev, body, scope, blockLoc, headerLoc);
  const docsOf = (name: string): Located[] => {
    const a = src.get(name);
    if (!a || a.val.k === 'null') return [];
    const items = a.val.k === 'list' ? a.val.items : [a.val];
    const out: Located[] = [];
    for (const i of items) {
      const d = hooks.documentOf(i, name);
      if (d) out.push(d);
    }
    return out;
  };
  const statements: Located[] = [];
  let version: Located | undefined;
  let id: LocatedEntry | undefined;
  const adopt = (d: Located): void => {
    const v = versionOf(d);
    const vt = v?.kind === 'scalar' ? String(v.value) : undefined;
    const cur = version?.kind === 'scalar' ? String(version.value) : undefined;
    if (v && (cur === undefined || (vt !== undefined && vt > cur))) version = v;
    if (d.kind === 'object') {
      const i = d.entries.find((e) => e.key === 'Id');
      if (i) id = i;
    }
  };
  for (const d of [...docsOf('source_json'), ...docsOf('source_policy_documents')]) {
    adopt(d);
    merge(statements, statementsOf(d));
  }
  const own: Located[] = src.nested('statement').map(lowerStatement);
  const v = src.get('version');
  const ownVersion = v && v.val.k !== 'null' ? located(v.val) : scalar('2012-10-17', headerLoc);
  const vt = ownVersion.kind === 'scalar' ? String(ownVersion.value) : undefined;
  const cur = version?.kind === 'scalar' ? String(version.value) : undefined;
  if (!version || (vt !== undefined && cur !== undefined && vt > cur)) version = ownVersion;
  const pid = src.get('policy_id');
  if (pid && pid.val.k !== 'null') id = entryOf('Id', pid.keyLoc, located(pid.val));
  merge(statements, own);
  for (const d of [...docsOf('override_json'), ...docsOf('override_policy_documents')]) {
    adopt(d);
    merge(statements, statementsOf(d));
  }
  const entries: LocatedEntry[] = [entryOf('Version', version === ownVersion && v ? v.keyLoc : version.loc, version)];
  if (id) entries.push(id);
  entries.push(entryOf('Statement', headerLoc, { kind: 'array', items: statements, loc: blockLoc }));
  return { kind: 'object', entries, loc: blockLoc };
}

/** Whether a reference names a policy document data source's JSON. */
export function isPolicyDocumentRef(v: Val): v is Extract<Val, { k: 'unk' }> & { ref: { address: string } } {
  return v.k === 'unk' && !!v.ref && /(^|\.)data\.aws_iam_policy_document\.[^.]+$/.test(v.ref.address) && (v.ref.attribute === undefined || v.ref.attribute === 'json' || v.ref.attribute === 'minified_json');
}

