/**
 * What a resource mapper works with: the resource's identity, its properties with intrinsics resolved on
 * demand, and helpers that turn policy-shaped values into model documents.
 */
import { buildPolicyDocument, toScalar } from '../../src/model/build-policy.js';
import type { Located, LocatedEntry, LocatedObject } from '../../src/model/located.js';
import { spanOf, type Location } from '../../src/model/location.js';
import type { IamModel } from '../../src/model/model.js';
import type { PolicyDocument, PolicyKind } from '../../src/model/policy.js';
import type { ResourceRef } from '../../src/model/resource-ref.js';
import type { Scalar } from '../../src/model/scalar.js';
import { isJsonText, parseEmbeddedJson, type SourceText } from './embedded-json.js';
import { alternativesOf, type Resolver } from './intrinsics.js';

export interface TemplateScope {
  model: IamModel;
  resolver: Resolver;
  src: SourceText;
  /** Every resource of the template by logical id, for references between them. */
  refs: Map<string, ResourceRef>;
  /** Resource types by logical id. */
  types: Map<string, string>;
  /** A SAM `Globals` setting (`Globals.Function.PermissionsBoundary`), resolved. */
  globalProp?: (section: string, name: string) => Scalar | undefined;
}

export class ResourceContext {
  private resolved = new Map<string, Located | undefined>();

  constructor(
    readonly scope: TemplateScope,
    readonly id: string,
    readonly type: string,
    readonly ref: ResourceRef,
    /** The `Properties` map as written. */
    readonly props: LocatedObject | undefined,
    /** The resource's `Condition`, when it has one. */
    readonly guard: string | undefined,
  ) {}

  get model(): IamModel {
    return this.scope.model;
  }

  /** The property entry as written (for its key's location). */
  entry(name: string): LocatedEntry | undefined {
    return this.props?.entries.find((e) => e.key === name);
  }

  /** A property with intrinsics resolved; undefined when absent or `AWS::NoValue`. */
  prop(name: string): Located | undefined {
    if (this.resolved.has(name)) return this.resolved.get(name);
    const e = this.entry(name);
    const v = e ? this.scope.resolver.value(e.value, this.guard) : undefined;
    this.resolved.set(name, v);
    return v;
  }

  /** `Key: value` span of a property, or the resource's span. */
  attrLoc(name: string): Location {
    const e = this.entry(name);
    return e ? spanOf(e.keyLoc, e.value.loc) : this.ref.loc;
  }

  scalar(name: string): Scalar | undefined {
    const v = this.prop(name);
    return v ? toScalar(v) : undefined;
  }

  /** A property that holds one value or a list of values, as scalars. */
  scalars(name: string): Scalar[] {
    return scalarsOf(this.prop(name));
  }

  /**
   * Builds the policy documents a value holds: one, or one per `Fn::If` branch; JSON text is parsed with its
   * positions; a value that cannot be known (`!Ref PolicyParam`) yields none.
   */
  documents(value: Located | undefined, kind: PolicyKind, path: (string | number)[], opts: { owner?: ResourceRef; name?: Scalar } = {}): PolicyDocument[] {
    if (!value) return [];
    const out: PolicyDocument[] = [];
    const alts = alternativesOf(value);
    alts.forEach((v, i) => {
      let source = v;
      if (isJsonText(v)) {
        const r = parseEmbeddedJson(v, this.scope.src);
        if (!r.value) {
          this.model.notes.push({ message: `${this.id}: ${r.problem ?? 'unreadable policy text'}; the policy was not linted`, loc: v.loc });
          return;
        }
        source = this.guard ? withGuard(r.value, this.guard) : r.value;
      }
      if (source.kind === 'unknown' || source.kind === 'template') return;
      const doc = buildPolicyDocument(source, {
        kind,
        owner: opts.owner ?? this.ref,
        path: alts.length > 1 ? [...path, 'Fn::If', i] : path,
        ...(opts.name ? { name: opts.name } : {}),
      });
      this.model.documents.push(doc);
      out.push(doc);
    });
    return out;
  }

  /** The resource another value refers to (`!Ref Bucket`), when it is in this template. */
  referenced(v: Located | undefined): ResourceRef[] {
    const out: ResourceRef[] = [];
    const visit = (x: Located): void => {
      if (x.kind === 'unknown' && x.ref) {
        const r = this.scope.refs.get(x.ref.address);
        if (r && !out.includes(r)) out.push(r);
      } else if (x.kind === 'template') {
        for (const p of x.parts) {
          const r = typeof p === 'string' || !p.ref ? undefined : this.scope.refs.get(p.ref.address);
          if (r && !out.includes(r)) out.push(r);
        }
      } else if (x.kind === 'array') x.items.forEach(visit);
    };
    if (v) visit(v);
    return out;
  }
}

export function scalarsOf(v: Located | undefined): Scalar[] {
  if (!v) return [];
  return v.kind === 'array' ? v.items.map(toScalar) : [toScalar(v)];
}

/** A copy whose objects all carry the guard (for documents parsed from text under a resource condition). */
function withGuard(v: Located, guard: string): Located {
  switch (v.kind) {
    case 'object':
      return { ...v, guard: v.guard ?? guard, entries: v.entries.map((e) => ({ ...e, value: withGuard(e.value, guard) })) };
    case 'array':
      return { ...v, items: v.items.map((i) => withGuard(i, guard)) };
    default:
      return v;
  }
}
