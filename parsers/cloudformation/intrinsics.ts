/**
 * CloudFormation intrinsic functions evaluated as far as the template alone allows. What cannot be known (a
 * parameter without a default, a resource attribute, the account id) becomes an unknown that remembers what it
 * points at; nothing unknown ever becomes a wildcard. `Fn::If` keeps both branches: objects built under a branch
 * carry its condition as `guard` (`Cond`, or `!Cond` for the false branch).
 */
import type { Located, LocatedArray, LocatedObject, LocatedUnknown, RefTarget, TemplatePart } from '../../src/model/located.js';
import type { Location } from '../../src/model/location.js';
import { relocateTree } from './yaml.js';

export interface ParameterInfo {
  type?: string;
  default?: Located;
  loc: Location;
}

export interface TemplateInfo {
  file: string;
  parameters: Map<string, ParameterInfo>;
  mappings?: LocatedObject;
  /** Logical id -> resource type. */
  resources: Map<string, string>;
  notes: { message: string; loc: Location }[];
  /** The template uses the SAM transform. */
  sam?: boolean;
}

/** `AWS::NoValue`: the property or list item is removed. */
export const NO_VALUE = Symbol('AWS::NoValue');
type NoValue = typeof NO_VALUE;

/** The two (or more, when nested) outcomes of an `Fn::If`. */
interface Alternatives {
  kind: 'alternatives';
  branches: { guard: string; value: Located | NoValue }[];
  loc: Location;
}

type Resolved = Located | Alternatives | NoValue;

const MAX_DEPTH = 600;
const PSEUDO_UNKNOWN = new Set(['AWS::Region', 'AWS::StackName', 'AWS::StackId', 'AWS::NotificationARNs']);

/** Arrays that stand for "one of these" (an `Fn::If` whose branches are objects); see `alternativesOf`. */
const ALTERNATIVE_ARRAYS = new WeakSet<LocatedArray>();

/** The values a property may take: the branches of an `Fn::If` written where one object belongs, or the value itself. */
export function alternativesOf(v: Located): Located[] {
  return v.kind === 'array' && ALTERNATIVE_ARRAYS.has(v) ? v.items : [v];
}

export function isIntrinsicKey(key: string): boolean {
  return key === 'Ref' || key.startsWith('Fn::');
}

const and = (outer: string | undefined, inner: string): string => (outer ? `${outer} && ${inner}` : inner);

export class Resolver {
  constructor(readonly info: TemplateInfo) {}

  /** The value with intrinsics evaluated; undefined when it is `AWS::NoValue`. */
  value(v: Located, guard?: string): Located | undefined {
    const r = this.any(v, guard, 0);
    return r === NO_VALUE ? undefined : r.kind === 'alternatives' ? this.collapse(r) : r;
  }

  private any(v: Located, guard: string | undefined, depth: number): Resolved {
    if (depth > MAX_DEPTH) return { kind: 'unknown', text: '...', loc: v.loc };
    switch (v.kind) {
      case 'array': {
        const items: Located[] = [];
        for (const item of v.items) {
          const r = this.any(item, guard, depth + 1);
          if (r === NO_VALUE) continue;
          if (r.kind === 'alternatives') {
            for (const b of r.branches) if (b.value !== NO_VALUE) items.push(b.value);
          } else items.push(r);
        }
        return { kind: 'array', items, loc: v.loc };
      }
      case 'object': {
        const first = v.entries[0];
        if (v.entries.length === 1 && first && isIntrinsic(first.key, first.value)) return this.intrinsic(first.key, first.value, v, guard, depth);
        const out: LocatedObject = { kind: 'object', entries: [], loc: v.loc };
        if (guard) out.guard = guard;
        for (const e of v.entries) {
          const r = this.any(e.value, guard, depth + 1);
          if (r === NO_VALUE) continue;
          const value = r.kind === 'alternatives' ? this.collapse(r) : r;
          if (value) out.entries.push({ key: e.key, keyLoc: e.keyLoc, value });
        }
        return out;
      }
      default:
        return v;
    }
  }

  /**
   * An `Fn::If` written where one value belongs: one branch left stands for itself; otherwise a list of every
   * branch's values (lists flattened), so each is linted. Object branches make a list `alternativesOf` knows.
   */
  private collapse(alt: Alternatives): Located | undefined {
    const values = alt.branches.flatMap((b) => (b.value === NO_VALUE ? [] : [b.value]));
    if (values.length === 0) return undefined;
    if (values.length === 1) return values[0];
    const items = values.flatMap((v) => (v.kind === 'array' ? v.items : [v]));
    const arr: LocatedArray = { kind: 'array', items, loc: alt.loc };
    if (values.every((v) => v.kind === 'object')) ALTERNATIVE_ARRAYS.add(arr);
    return arr;
  }

  private intrinsic(fn: string, arg: Located, node: LocatedObject, guard: string | undefined, depth: number): Resolved {
    const loc = node.loc;
    const unknown = (text: string, ref?: RefTarget): LocatedUnknown => (ref ? { kind: 'unknown', text, loc, ref } : { kind: 'unknown', text, loc });
    const sub = (v: Located): Located | undefined => {
      const r = this.any(v, guard, depth + 1);
      return r === NO_VALUE ? undefined : r.kind === 'alternatives' ? this.collapse(r) : r;
    };
    const args = (): Located[] => (arg.kind === 'array' ? arg.items : [arg]);
    switch (fn) {
      case 'Ref': {
        const name = literalString(arg) ?? literalString(sub(arg));
        return name === undefined ? unknown('Ref') : this.ref(name, loc);
      }
      case 'Fn::GetAtt': {
        let parts = arg.kind === 'array' ? arg.items.map((i) => literalString(i) ?? literalString(sub(i))) : [literalString(arg)];
        if (parts.length === 1 && parts[0]?.includes('.')) {
          const s = parts[0];
          parts = [s.slice(0, s.indexOf('.')), s.slice(s.indexOf('.') + 1)];
        }
        const [res, attr] = parts;
        if (res === undefined) return unknown('Fn::GetAtt');
        const ref: RefTarget = attr === undefined ? { address: res } : { address: res, attribute: attr };
        return unknown(`${res}.${attr ?? '?'}`, ref);
      }
      case 'Fn::Sub': {
        const [tpl, vars] = args();
        const text = literalString(tpl);
        if (text === undefined) return unknown('Fn::Sub');
        return this.subText(text, loc, vars?.kind === 'object' ? vars : undefined, guard, depth);
      }
      case 'Fn::Join': {
        const [delimNode, listNode] = args();
        const delim = literalString(delimNode) ?? (delimNode?.kind === 'scalar' ? String(delimNode.value ?? '') : undefined);
        const list = listNode ? sub(listNode) : undefined;
        if (delim === undefined || !list || list.kind !== 'array') return unknown('Fn::Join');
        const parts: TemplatePart[] = [];
        list.items.forEach((item, i) => {
          if (i > 0) parts.push(delim);
          parts.push(...partsOf(item, 'Fn::Join'));
        });
        return fromParts(parts, loc);
      }
      case 'Fn::Select': {
        const [idxNode, listNode] = args();
        const idx = idxNode ? sub(idxNode) : undefined;
        const n = idx?.kind === 'scalar' ? Number(idx.value) : NaN;
        const list = listNode ? sub(listNode) : undefined;
        if (!Number.isInteger(n) || !list || list.kind !== 'array') return unknown('Fn::Select');
        return list.items[n] ?? unknown('Fn::Select');
      }
      case 'Fn::Split': {
        const [delimNode, strNode] = args();
        const delim = literalString(delimNode);
        const str = strNode ? sub(strNode) : undefined;
        const s = literalString(str);
        if (!delim || s === undefined) return unknown('Fn::Split');
        return { kind: 'array', items: s.split(delim).map((p) => ({ kind: 'scalar', value: p, loc })), loc };
      }
      case 'Fn::FindInMap': {
        const [m, k1, k2, opts] = args();
        const keys = [m, k1, k2].map((k) => (k ? literalScalarText(sub(k)) : undefined));
        const [mapName, top, second] = keys;
        if (mapName !== undefined && top !== undefined && second !== undefined) {
          const found = this.lookup(mapName, top, second);
          if (found) return this.any(relocateTree(found, loc), guard, depth + 1);
          // With the language extensions a missing key falls back to `DefaultValue`.
          const dflt = opts?.kind === 'object' ? opts.entries.find((e) => e.key === 'DefaultValue') : undefined;
          if (dflt) return this.any(dflt.value, guard, depth + 1);
        }
        return unknown(`Fn::FindInMap ${keys.map((k) => k ?? '?').join('.')}`);
      }
      case 'Fn::If': {
        const [condNode, a, b] = args();
        const cond = literalString(condNode) ?? '?';
        const branches: Alternatives['branches'] = [];
        for (const [branch, g] of [[a, and(guard, cond)], [b, and(guard, `!${cond}`)]] as const) {
          if (!branch) continue;
          const r = this.any(branch, g, depth + 1);
          if (r !== NO_VALUE && r.kind === 'alternatives') branches.push(...r.branches);
          else branches.push({ guard: g, value: r });
        }
        return { kind: 'alternatives', branches, loc };
      }
      case 'Fn::Base64':
        // The text before encoding is what a reader (and a credential scan) cares about.
        return sub(arg) ?? NO_VALUE;
      case 'Fn::ImportValue': {
        const name = sub(arg);
        const text = name?.kind === 'scalar' ? String(name.value) : name?.kind === 'template' ? partsText(name.parts) : '?';
        return unknown(`ImportValue ${text}`);
      }
      case 'Fn::Length': {
        const list = sub(arg);
        return list?.kind === 'array' ? { kind: 'scalar', value: list.items.length, loc } : unknown('Fn::Length');
      }
      case 'Fn::GetAZs':
        return unknown('Fn::GetAZs');
      default:
        // Fn::Cidr, Fn::Transform, Fn::ToJsonString, condition functions, and unknown Fn:: names.
        return unknown(fn);
    }
  }

  /** `Ref` by name, located at the `Ref`. */
  ref(name: string, loc: Location): Located | NoValue {
    switch (name) {
      case 'AWS::NoValue':
        return NO_VALUE;
      case 'AWS::Partition':
        return { kind: 'scalar', value: 'aws', loc };
      case 'AWS::URLSuffix':
        return { kind: 'scalar', value: 'amazonaws.com', loc };
      case 'AWS::AccountId':
        return { kind: 'unknown', text: 'AWS::AccountId', loc, hint: 'this-account' };
      default:
        break;
    }
    if (PSEUDO_UNKNOWN.has(name)) return { kind: 'unknown', text: name, loc };
    const param = this.info.parameters.get(name);
    if (param) {
      const type = param.type ?? 'String';
      // An SSM parameter type's default is the parameter's name, not its value.
      if (param.default && !type.startsWith('AWS::SSM::')) {
        const d = relocateTree(param.default, loc);
        if ((type === 'CommaDelimitedList' || type.startsWith('List<')) && d.kind === 'scalar' && typeof d.value === 'string') {
          return { kind: 'array', items: d.value.split(',').map((s) => ({ kind: 'scalar', value: s.trim(), loc })), loc };
        }
        return d;
      }
      return { kind: 'unknown', text: name, loc, ref: { address: name } };
    }
    if (this.info.resources.has(name)) return { kind: 'unknown', text: name, loc, ref: { address: name } };
    // SAM generates resources the template does not spell out (`ServerlessRestApi`, `FnRole`, `Fn.Alias`).
    if (!name.startsWith('AWS::') && !this.info.sam) this.info.notes.push({ message: `'Ref' to '${name}', which the template does not define`, loc });
    return { kind: 'unknown', text: name, loc, ref: { address: name } };
  }

  private lookup(map: string, top: string, second: string): Located | undefined {
    const m = this.info.mappings?.entries.find((e) => e.key === map)?.value;
    const t = m?.kind === 'object' ? m.entries.find((e) => e.key === top)?.value : undefined;
    return t?.kind === 'object' ? t.entries.find((e) => e.key === second)?.value : undefined;
  }

  /** `Fn::Sub` text with `${Name}`, `${Res.Attr}`, `${!Literal}` placeholders, located at the whole `Fn::Sub`. */
  subText(text: string, loc: Location, vars: LocatedObject | undefined, guard: string | undefined, depth: number): Located {
    const parts: TemplatePart[] = [];
    let last = 0;
    const re = /\$\{([^}]*)\}/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      parts.push(text.slice(last, m.index));
      last = m.index + m[0].length;
      const inner = m[1] as string;
      if (inner.startsWith('!')) {
        parts.push(`\${${inner.slice(1)}}`);
        continue;
      }
      const name = inner.trim();
      const v = vars?.entries.find((e) => e.key === name);
      if (v) {
        const r = this.any(v.value, guard, depth + 1);
        const value = r === NO_VALUE ? undefined : r.kind === 'alternatives' ? this.collapse(r) : r;
        parts.push(...(value ? partsOf(value, name) : ['']));
      } else if (name.includes('.') && !name.startsWith('AWS::')) {
        const dot = name.indexOf('.');
        const res = name.slice(0, dot);
        parts.push({ unknown: name, ref: { address: res, attribute: name.slice(dot + 1) } });
      } else if (name.includes(':') && !name.startsWith('AWS::')) {
        // An IAM policy variable (`${aws:username}`): CloudFormation leaves it to IAM.
        parts.push(m[0]);
      } else {
        const r = this.ref(name, loc);
        parts.push(...(r === NO_VALUE ? [''] : partsOf(r, name)));
      }
    }
    parts.push(text.slice(last));
    return fromParts(parts, loc);
  }
}

function isIntrinsic(key: string, value: Located): boolean {
  if (isIntrinsicKey(key)) return true;
  // `{"Condition": "Name"}` inside condition functions; a policy's `Condition` block is an object.
  return key === 'Condition' && value.kind === 'scalar';
}

export function literalString(v: Located | undefined): string | undefined {
  return v?.kind === 'scalar' && typeof v.value === 'string' ? v.value : undefined;
}

function literalScalarText(v: Located | undefined): string | undefined {
  return v?.kind === 'scalar' && v.value !== null ? String(v.value) : undefined;
}

/** A value as parts of a string being built. */
function partsOf(v: Located, name: string): TemplatePart[] {
  switch (v.kind) {
    case 'scalar':
      return [v.value === null ? '' : String(v.value)];
    case 'unknown': {
      const p: { unknown: string; ref?: RefTarget; hint?: 'this-account' } = { unknown: v.text };
      if (v.ref) p.ref = v.ref;
      if (v.hint) p.hint = v.hint;
      return [p];
    }
    case 'template':
      return v.parts;
    default:
      return [{ unknown: name }];
  }
}

function partsText(parts: TemplatePart[]): string {
  return parts.map((p) => (typeof p === 'string' ? p : `\${${p.unknown}}`)).join('');
}

/** A literal when every part is known, else a template with adjacent literal text merged. */
export function fromParts(parts: TemplatePart[], loc: Location): Located {
  const merged: TemplatePart[] = [];
  for (const p of parts) {
    const prev = merged[merged.length - 1];
    if (typeof p === 'string') {
      if (p === '') continue;
      if (typeof prev === 'string') merged[merged.length - 1] = prev + p;
      else merged.push(p);
    } else merged.push(p);
  }
  if (merged.every((p) => typeof p === 'string')) return { kind: 'scalar', value: merged.join(''), loc };
  return { kind: 'template', parts: merged, loc };
}
