/**
 * Lowers statements and documents built in TypeScript to located IAM JSON, in the shape CDK synthesizes
 * (`Effect` defaults to `Allow`, principals grouped by type, principal conditions merged into the statement's),
 * with every value located where the TypeScript wrote it: the `actions: ['*']` element, the principal expression.
 */
import type { Located, LocatedEntry, LocatedObject } from '../../../src/model/located.js';
import type { Location } from '../../../src/model/location.js';
import type { CondEntry, DocumentState, PrincipalState, StatementState } from './state.js';
import { sameFile, toLocated, type Thing, type Val } from './values.js';

export function located(v: Val, fallback: Location): Located {
  return toLocated(v, lowerThing, fallback);
}

function lowerThing(t: Thing, loc: Location): Located {
  const s = t.state;
  switch (s?.t) {
    case 'statement':
      return lowerStatement(s);
    case 'document':
      return lowerDocument(s);
    case 'secret':
      return located(s.of, loc);
    case 'managed-ref':
      return located(s.arn, loc);
    default:
      if (t.node) return { kind: 'unknown', text: t.node.path, loc, ref: { address: t.node.path } };
      return { kind: 'unknown', text: t.cls.name, loc };
  }
}

/** A key with its value; a key written in another file than its value (a parameter passed in) takes the value's span. */
function entryOf(key: string, keyLoc: Location, value: Located): LocatedEntry {
  return { key, keyLoc: sameFile(keyLoc, value.loc) ? keyLoc : value.loc, value };
}

export function lowerStatement(st: StatementState): Located {
  if (st.raw) return st.raw;
  const entries: LocatedEntry[] = [];
  if (st.sid) entries.push(entryOf('Sid', st.sid.keyLoc, located(st.sid.value, st.sid.keyLoc)));
  if (st.effect) entries.push(entryOf('Effect', st.effect.keyLoc, located(st.effect.value, st.effect.keyLoc)));
  else entries.push({ key: 'Effect', keyLoc: st.loc, value: { kind: 'scalar', value: 'Allow', loc: st.loc } });
  const principals = st.principals?.items ?? [];
  if (st.principals) entries.push(entryOf('Principal', st.principals.keyLoc, lowerPrincipals(st.principals.items, st.principals.loc)));
  if (st.notPrincipals) entries.push(entryOf('NotPrincipal', st.notPrincipals.keyLoc, lowerPrincipals(st.notPrincipals.items, st.notPrincipals.loc)));
  for (const key of ['Action', 'NotAction', 'Resource', 'NotResource'] as const) {
    const list = st.lists[key];
    if (!list) continue;
    const items = list.items.filter((i) => i.k !== 'undef').map((i) => located(i, list.loc));
    entries.push(entryOf(key, list.keyLoc, { kind: 'array', items, loc: list.loc }));
  }
  const conditions = [...st.conditions, ...principals.flatMap((p) => p.conditions)];
  const unknown = st.unknownConditions ?? principals.find((p) => p.unknownConditions)?.unknownConditions;
  if (unknown) entries.push(entryOf('Condition', st.conditionKeyLoc ?? st.loc, located(unknown, st.loc)));
  else if (conditions.length) entries.push(entryOf('Condition', st.conditionKeyLoc ?? conditions[0]?.opLoc ?? st.loc, lowerConditions(conditions, st.loc)));
  return { kind: 'object', entries, loc: st.loc };
}

/** `{AWS: [...], Service: [...]}` (or `"*"` for `StarPrincipal` alone), each value located at its principal. */
export function lowerPrincipals(items: PrincipalState[], loc: Location): Located {
  const all = items.flatMap((p) => p.entries.map((e) => ({ ...e, at: p.loc })));
  if (all.length > 0 && all.every((e) => e.type === '*')) return { kind: 'scalar', value: '*', loc: all[0]?.at ?? loc };
  const byType = new Map<string, { keyLoc: Location; values: Located[] }>();
  for (const e of all) {
    const type = e.type === '*' ? 'AWS' : e.type;
    const group = byType.get(type) ?? { keyLoc: e.at, values: [] };
    group.values.push(located(e.value, e.at));
    byType.set(type, group);
  }
  const obj: LocatedObject = { kind: 'object', entries: [], loc };
  for (const [type, g] of byType) {
    const first = g.values[0];
    const value: Located = g.values.length === 1 && first ? first : { kind: 'array', items: g.values, loc: sameFile(g.keyLoc, loc) ? loc : g.keyLoc };
    obj.entries.push(entryOf(type, g.keyLoc, value));
  }
  return obj;
}

export function lowerConditions(conditions: CondEntry[], loc: Location): LocatedObject {
  const out: LocatedObject = { kind: 'object', entries: [], loc };
  for (const c of conditions) {
    let op = out.entries.find((e) => e.key === c.op);
    if (!op) {
      op = { key: c.op, keyLoc: c.opLoc, value: { kind: 'object', entries: [], loc: c.opLoc } };
      out.entries.push(op);
    }
    if (op.value.kind !== 'object') continue;
    const value = located(c.value, c.keyLoc);
    const existing = op.value.entries.findIndex((e) => e.key === c.key);
    const e = entryOf(c.key, c.keyLoc, value);
    if (existing >= 0) op.value.entries[existing] = e;
    else op.value.entries.push(e);
  }
  return out;
}

export function lowerDocument(doc: DocumentState): Located {
  const statements = doc.statements.map(lowerStatement);
  if (doc.raw) {
    if (doc.raw.kind !== 'object' || statements.length === 0) return doc.raw;
    // Statements added to a document read from JSON go after its own.
    const entries = doc.raw.entries.map((e) => {
      if (e.key !== 'Statement') return e;
      const own = e.value.kind === 'array' ? e.value.items : [e.value];
      return { ...e, value: { kind: 'array' as const, items: [...own, ...statements], loc: e.value.loc } };
    });
    if (!entries.some((e) => e.key === 'Statement')) entries.push({ key: 'Statement', keyLoc: doc.loc, value: { kind: 'array', items: statements, loc: doc.loc } });
    return { ...doc.raw, entries };
  }
  return {
    kind: 'object',
    loc: doc.loc,
    entries: [
      { key: 'Version', keyLoc: doc.loc, value: { kind: 'scalar', value: '2012-10-17', loc: doc.loc } },
      { key: 'Statement', keyLoc: doc.loc, value: { kind: 'array', items: statements, loc: doc.loc } },
    ],
  };
}

/** A role's trust policy from `assumedBy`: one statement per distinct set of assume actions, as CDK writes it. */
export function lowerTrust(principals: PrincipalState[], externalIds: Val[], keyLoc: Location, loc: Location): Located {
  const groups = new Map<string, PrincipalState[]>();
  for (const p of principals) {
    const key = p.actions.join(',');
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const statements: Located[] = [];
  for (const [actions, ps] of groups) {
    // The principal expression; for several (a CompositePrincipal's), the span from the first to the last.
    const first = ps[0]?.loc ?? loc;
    const last = ps[ps.length - 1]?.loc ?? first;
    const at = sameFile(first, last) && (last.line > first.line || (last.line === first.line && last.column >= first.column)) ? { ...first, endLine: last.endLine, endColumn: last.endColumn } : first;
    const entries: LocatedEntry[] = [
      { key: 'Effect', keyLoc: at, value: { kind: 'scalar', value: 'Allow', loc: at } },
      { key: 'Principal', keyLoc: at, value: lowerPrincipals(ps, at) },
      { key: 'Action', keyLoc: at, value: { kind: 'array', items: actions.split(',').map((a) => ({ kind: 'scalar' as const, value: a, loc: at })), loc: at } },
    ];
    const conditions = ps.flatMap((p) => p.conditions);
    const ext = externalIds.filter((v) => v.k !== 'undef');
    if (ext.length) conditions.push({ op: 'StringEquals', opLoc: keyLoc, key: 'sts:ExternalId', keyLoc, value: ext.length === 1 ? (ext[0] as Val) : { k: 'arr', items: ext, loc: keyLoc } });
    const unknown = ps.find((p) => p.unknownConditions)?.unknownConditions;
    if (unknown) entries.push(entryOf('Condition', at, located(unknown, at)));
    else if (conditions.length) entries.push(entryOf('Condition', conditions[0]?.opLoc ?? at, lowerConditions(conditions, at)));
    statements.push({ kind: 'object', entries, loc: at });
  }
  return {
    kind: 'object',
    loc,
    entries: [
      { key: 'Version', keyLoc: loc, value: { kind: 'scalar', value: '2012-10-17', loc } },
      { key: 'Statement', keyLoc: loc, value: { kind: 'array', items: statements, loc } },
    ],
  };
}
