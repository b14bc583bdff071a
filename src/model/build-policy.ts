import type { Located, LocatedObject } from './located.js';
import { spanOf, type Location } from './location.js';
import type { Condition, PolicyDocument, PolicyKind, PrincipalBlock, PrincipalEntry, Statement } from './policy.js';
import type { ResourceRef } from './resource-ref.js';
import type { Scalar, ValueList } from './scalar.js';

export interface PolicyOrigin {
  kind: PolicyKind;
  owner: ResourceRef;
  /** Logical path of the document inside its owner. */
  path: readonly (string | number)[];
  kindInferred?: boolean;
  name?: Scalar;
  consumers?: ResourceRef[];
}

/**
 * Lowers a located policy document (from any format) to the model. Lenient by design: whatever is not valid
 * IAM grammar is left out here and reported by `policy-syntax`, which validates `source` itself.
 */
export function buildPolicyDocument(source: Located, origin: PolicyOrigin): PolicyDocument {
  const doc: PolicyDocument = {
    id: `${origin.owner.address}#${origin.path.join('/')}`,
    kind: origin.kind,
    statements: [],
    loc: source.loc,
    path: origin.path,
    owner: origin.owner,
    consumers: origin.consumers ?? [],
    source,
  };
  if (origin.kindInferred) doc.kindInferred = true;
  if (origin.name) doc.name = origin.name;
  if (source.kind !== 'object') return doc;
  for (const e of source.entries) {
    if (e.key === 'Version') doc.version = toScalar(e.value);
    else if (e.key === 'Statement') {
      const items = e.value.kind === 'array' ? e.value.items : [e.value];
      items.forEach((item, i) => {
        if (item.kind !== 'object') return;
        const path = e.value.kind === 'array' ? [...origin.path, 'Statement', i] : [...origin.path, 'Statement'];
        doc.statements.push(buildStatement(item, doc, doc.statements.length, path));
      });
    }
  }
  return doc;
}

function buildStatement(obj: LocatedObject, document: PolicyDocument, index: number, path: (string | number)[]): Statement {
  const st: Statement = { index, conditions: [], loc: obj.loc, path, document };
  if (obj.guard) st.guard = obj.guard;
  for (const e of obj.entries) {
    const attrLoc = spanOf(e.keyLoc, e.value.loc);
    switch (e.key) {
      case 'Sid':
        st.sid = toScalar(e.value);
        break;
      case 'Effect':
        st.effect = toScalar(e.value);
        break;
      case 'Action':
        st.action = toValueList(e.value, attrLoc);
        break;
      case 'NotAction':
        st.notAction = toValueList(e.value, attrLoc);
        break;
      case 'Resource':
        st.resource = toValueList(e.value, attrLoc);
        break;
      case 'NotResource':
        st.notResource = toValueList(e.value, attrLoc);
        break;
      case 'Principal':
        st.principal = toPrincipal(e.value, attrLoc);
        break;
      case 'NotPrincipal':
        st.notPrincipal = toPrincipal(e.value, attrLoc);
        break;
      case 'Condition':
        st.conditionLoc = attrLoc;
        st.conditions = toConditions(e.value);
        break;
      default:
        break;
    }
  }
  return st;
}

export function toScalar(v: Located): Scalar {
  switch (v.kind) {
    case 'scalar':
      return {
        kind: 'literal',
        value: v.value === null ? 'null' : String(v.value),
        type: v.value === null ? 'null' : (typeof v.value as 'string' | 'number' | 'boolean'),
        loc: v.loc,
      };
    case 'unknown': {
      const s: Scalar = { kind: 'unknown', text: v.text, loc: v.loc };
      if (v.ref) s.ref = v.ref;
      if (v.hint) s.hint = v.hint;
      return s;
    }
    case 'template':
      return { kind: 'template', parts: v.parts, loc: v.loc };
    default:
      // A list or map where one value belongs: nothing can be known about it.
      return { kind: 'unknown', text: v.kind === 'object' ? '{...}' : '[...]', loc: v.loc };
  }
}

export function toValueList(v: Located, attrLoc: Location): ValueList {
  if (v.kind === 'array') {
    return { items: v.items.map(toScalar), loc: v.loc, attrLoc, single: false };
  }
  return { items: [toScalar(v)], loc: v.loc, attrLoc, single: true };
}

function toPrincipal(v: Located, attrLoc: Location): PrincipalBlock {
  const entries: PrincipalEntry[] = [];
  if (v.kind === 'object') {
    for (const e of v.entries) {
      for (const value of toValueList(e.value, spanOf(e.keyLoc, e.value.loc)).items) entries.push({ type: e.key, value });
    }
  } else if (v.kind === 'scalar' && v.value === '*') {
    entries.push({ type: '*', value: toScalar(v) });
  } else {
    // `"Principal": "arn:..."` is invalid grammar (policy-syntax says so); an unknown stays unknown.
    for (const value of toValueList(v, attrLoc).items) entries.push({ type: v.kind === 'scalar' ? 'AWS' : '?', value });
  }
  return { entries, loc: v.loc, attrLoc };
}

function toConditions(v: Located): Condition[] {
  const out: Condition[] = [];
  if (v.kind !== 'object') return out;
  for (const op of v.entries) {
    if (op.value.kind !== 'object') continue;
    for (const k of op.value.entries) {
      const loc = spanOf(k.keyLoc, k.value.loc);
      const c: Condition = { operator: op.key, operatorLoc: op.keyLoc, key: k.key, keyLoc: k.keyLoc, values: toValueList(k.value, loc), loc };
      if (op.keyUnknown || k.keyUnknown) c.unknown = true;
      out.push(c);
    }
  }
  return out;
}
