/**
 * What an expression of a CDK app evaluates to, without running it: literals, template strings with unknown
 * parts, arrays and object literals, instances (constructs, statements, principals, documents), classes,
 * namespaces and functions. Anything the evaluator cannot know is `unk`, which lowers to an unknown model value
 * (never a wildcard).
 */
import type { Located, LocatedObject, RefTarget, TemplatePart } from '../../../src/model/located.js';
import type { Location } from '../../../src/model/location.js';
import type { Node } from './ast.js';
import type { LibState } from './state.js';

export type Val = Lit | Tpl | Unk | Undef | Arr | Obj | Inst | ClsVal | NsVal | FnVal;

export interface Lit {
  k: 'lit';
  v: string | number | boolean | null;
  loc: Location;
}
export interface Tpl {
  k: 'tpl';
  parts: TemplatePart[];
  loc: Location;
}
export interface Unk {
  k: 'unk';
  text: string;
  loc: Location;
  ref?: RefTarget;
  hint?: 'this-account';
}
export interface Undef {
  k: 'undef';
  loc: Location;
}
export interface Arr {
  k: 'arr';
  items: Val[];
  loc: Location;
}
export interface Prop {
  key: string;
  keyLoc: Location;
  value: Val;
}
export interface Obj {
  k: 'obj';
  props: Prop[];
  loc: Location;
  /** Spread from something unknown: a key that is not listed may still be there. */
  open?: boolean;
}
export interface Inst {
  k: 'inst';
  o: Thing;
}
export interface ClsVal {
  k: 'cls';
  cls: ClassRef;
}
/** An imported module (`import * as iam from 'aws-cdk-lib/aws-iam'`), or a member path inside one (`iam.Effect`). */
export interface NsVal {
  k: 'ns';
  module: string;
  /** For relative modules: the module itself. */
  mod?: ModuleRef;
}
export interface FnVal {
  k: 'fn';
  node: FunctionNode;
  scope: ScopeRef;
  mod: ModuleRef;
  /** Arrow functions keep the `this` they were created with; methods get theirs at the call. */
  thisVal?: Val;
  /** For methods: the class they belong to (for `super.x()`). */
  owner?: ClassRef;
}

export type FunctionNode = Extract<Node, { type: 'FunctionDeclaration' | 'FunctionExpression' | 'ArrowFunctionExpression' | 'TSDeclareFunction' }>;

/** Opaque handles owned by the evaluator. */
export interface ModuleRef {
  rel: string;
}
export interface ScopeRef {
  readonly vars: Map<string, { val: Val | undefined; init?: () => Val }>;
  readonly parent?: ScopeRef;
}

/** A library class (`aws-iam.Role`, `core.Stack`) or a class of the app. */
export type ClassRef = { kind: 'lib'; module: string; name: string } | { kind: 'user'; name: string; decl: Extract<Node, { type: 'ClassDeclaration' | 'ClassExpression' }>; mod: ModuleRef };

export function libName(c: ClassRef): string {
  return c.kind === 'lib' ? `${c.module}.${c.name}` : c.name;
}

/** An instance: a construct (with its tree node), or a value object of a library class, or of an app class. */
export class Thing {
  readonly fields = new Map<string, Val>();
  /** Library state (statement, principal, document, IAM entity, resource-policy holder...). */
  state: LibState | undefined;
  constructor(
    readonly cls: ClassRef,
    readonly loc: Location,
    readonly node?: CNode,
  ) {}
}

/** A construct in the tree: its id, path and where it is created. */
export class CNode {
  readonly children = new Map<string, CNode>();
  readonly path: string;
  thing?: Thing;
  constructor(
    readonly id: string,
    readonly parent: CNode | undefined,
    public kind: 'app' | 'stage' | 'stack' | 'construct',
    /** The whole `new X(...)` expression. */
    readonly loc: Location,
    /** `new X(scope, 'Id'`: where findings mapped to the construct point. */
    readonly head: Location,
  ) {
    this.path = parent && parent.path ? `${parent.path}/${id}` : id;
    parent?.children.set(id, this);
  }

  /** The nearest stack above (or this one). */
  stack(): CNode | undefined {
    for (let n: CNode | undefined = this; n; n = n.parent) if (n.kind === 'stack') return n;
    return undefined;
  }
}

// ---- helpers ------------------------------------------------------------------------------------------------

export const lit = (v: Lit['v'], loc: Location): Lit => ({ k: 'lit', v, loc });
export const unk = (text: string, loc: Location, extra: Partial<Pick<Unk, 'ref' | 'hint'>> = {}): Unk => ({ k: 'unk', text, loc, ...extra });

export function str(v: Val | undefined): string | undefined {
  return v?.k === 'lit' && typeof v.v === 'string' ? v.v : undefined;
}

/** The value of an object literal's key; `undefined` when the key is absent (or unknown for an open object). */
export function prop(v: Val | undefined, key: string): Val | undefined {
  if (v?.k !== 'obj') return undefined;
  for (let i = v.props.length - 1; i >= 0; i--) {
    const p = v.props[i] as Prop;
    if (p.key === key) return p.value.k === 'undef' ? undefined : p.value;
  }
  return undefined;
}

export function propEntry(v: Val | undefined, key: string): Prop | undefined {
  if (v?.k !== 'obj') return undefined;
  for (let i = v.props.length - 1; i >= 0; i--) {
    const p = v.props[i] as Prop;
    if (p.key === key) return p.value.k === 'undef' ? undefined : p;
  }
  return undefined;
}

/** The items of a list value; a single value is a list of one. */
export function itemsOf(v: Val | undefined): Val[] {
  if (!v || v.k === 'undef') return [];
  return v.k === 'arr' ? v.items : [v];
}

export function locOfVal(v: Val, fallback: Location): Location {
  switch (v.k) {
    case 'inst':
      return v.o.loc;
    case 'cls':
    case 'ns':
    case 'fn':
      return fallback;
    default:
      return v.loc;
  }
}

/** The text of a value for string contexts: literal, or template with unknown parts; undefined for anything else. */
export function asTemplateParts(v: Val): TemplatePart[] | undefined {
  switch (v.k) {
    case 'lit':
      return v.v === null ? undefined : [String(v.v)];
    case 'tpl':
      return v.parts;
    case 'unk': {
      const part: TemplatePart = { unknown: v.text };
      if (v.ref) part.ref = v.ref;
      if (v.hint) part.hint = v.hint;
      return [part];
    }
    default:
      return undefined;
  }
}

/** Joins parts into a literal (all text) or a template; merges adjacent text. */
export function fromParts(parts: TemplatePart[], loc: Location): Lit | Tpl {
  const out: TemplatePart[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (typeof p === 'string' && typeof last === 'string') out[out.length - 1] = last + p;
    else if (p !== '') out.push(p);
  }
  if (out.length === 0) return lit('', loc);
  if (out.length === 1 && typeof out[0] === 'string') return lit(out[0], loc);
  return { k: 'tpl', parts: out, loc };
}

/** Whether two locations are in one file (a span across files means nothing). */
export const sameFile = (a: Location, b: Location): boolean => a.file === b.file;

/**
 * The value as a located JSON-like tree (policy JSON written as object literals, L1 properties). Instances lower
 * through `lowerThing` (documents and statements to their JSON, constructs to a reference).
 */
export function toLocated(v: Val, lowerThing: (t: Thing, loc: Location) => Located, fallback: Location): Located {
  switch (v.k) {
    case 'lit':
      return { kind: 'scalar', value: v.v, loc: v.loc };
    case 'tpl':
      return { kind: 'template', parts: v.parts, loc: v.loc };
    case 'unk': {
      const u: Located = { kind: 'unknown', text: v.text, loc: v.loc };
      if (v.ref) u.ref = v.ref;
      if (v.hint) u.hint = v.hint;
      return u;
    }
    case 'undef':
      return { kind: 'unknown', text: 'undefined', loc: v.loc };
    case 'arr':
      return { kind: 'array', items: v.items.filter((i) => i.k !== 'undef').map((i) => toLocated(i, lowerThing, v.loc)), loc: v.loc };
    case 'obj': {
      const o: LocatedObject = { kind: 'object', entries: [], loc: v.loc };
      const seen = new Map<string, number>();
      for (const p of v.props) {
        if (p.value.k === 'undef') continue;
        const value = toLocated(p.value, lowerThing, p.keyLoc);
        const e = { key: p.key, keyLoc: sameFile(p.keyLoc, value.loc) ? p.keyLoc : value.loc, value };
        // A later key (spread or written) replaces an earlier one, as in JavaScript.
        const at = seen.get(p.key);
        if (at !== undefined) o.entries[at] = e;
        else {
          seen.set(p.key, o.entries.length);
          o.entries.push(e);
        }
      }
      return o;
    }
    case 'inst':
      return lowerThing(v.o, v.o.loc);
    default:
      return { kind: 'unknown', text: v.k === 'cls' ? libName(v.cls) : '?', loc: fallback };
  }
}
