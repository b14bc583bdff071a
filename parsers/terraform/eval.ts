/**
 * Evaluates Terraform expressions to located values. Lazy like Terraform itself: a variable, local, module
 * output or module instance is computed when first referenced and remembered per module instance. What cannot
 * be known before apply (resource attributes, variables without value, unsupported functions) is an unknown
 * that remembers what it refers to. Work and depth budgets keep hostile input from hanging the linter.
 */
import type { Location } from '../../src/model/location.js';
import type { RefTarget } from '../../src/model/located.js';
import { attrOf, type Attr, type Block, type Body, type Expr, type FileCtx, type TplNode, type Traversal } from './ast.js';
import type { ModuleConfig } from './config.js';
import { callFunction } from './functions.js';
import { asText, equalVals, numText, strText, unknown, withLoc, type ObjEntry, type StrPart, type UnkVal, type Val } from './values.js';

/** Work allowed for one top-level evaluation (a resource, an output, a policy document) and for a whole unit. */
export const MAX_STEPS = 1_000_000;
export const MAX_UNIT_STEPS = 20_000_000;
export const MAX_REF_DEPTH = 64;
export const MAX_INSTANCES = 64;
export const MAX_PARTS = 50_000;
export const MAX_MODULE_DEPTH = 16;

export class BudgetExceeded extends Error {}

/** Names bound by `for`, `count`, `each`, a dynamic block's iterator, or `templatefile` variables. */
export interface Scope {
  mod: ModInst;
  names?: Map<string, Val>;
  parent?: Scope;
  /** `templatefile`: only the names passed in are visible. */
  isolated?: boolean;
}

/** What the evaluator needs from outside: files, templates, module folders, and a place for notes. */
export interface EvalHost {
  /** `file()`: a file inside the linted tree, by a path relative to the root module folder. */
  readFile(path: string, loc: Location): { ctx: FileCtx } | { message: string };
  parseTemplate(ctx: FileCtx): Expr | undefined;
  /** Resolves a module call's source to a loaded folder, or says why not. */
  loadModule(parent: ModInst, call: Block, source: string | undefined): { cfg: ModuleConfig; pathModule: string } | { message: string; problem: boolean };
  note(message: string, loc: Location): void;
  problem(message: string, loc: Location): void;
}

export interface ChildInstance {
  key?: string | number;
  inst: ModInst;
}

export interface ChildCall {
  block: Block;
  instances: ChildInstance[];
  /** Set when the module's content is not available (remote, missing, cycle). */
  unavailable?: string;
}

export class ModInst {
  readonly locals = new Map<string, Val>();
  readonly vars = new Map<string, Val>();
  readonly outputs = new Map<string, Val>();
  readonly children = new Map<string, ChildCall>();
  readonly busy = new Set<string>();
  readonly root: Scope;

  constructor(
    /** `''` for the root module, `module.a.` (and `module.a.module.b.`) below it. */
    readonly prefix: string,
    readonly cfg: ModuleConfig,
    readonly pathModule: string,
    readonly callers: Location[],
    readonly depth: number,
    readonly parent?: ModInst,
    /** Arguments of the module call, evaluated in the caller's scope. */
    readonly inputs?: Map<string, { attr: Attr; scope: Scope }>,
    /** Root module only: values from `terraform.tfvars` and `*.auto.tfvars`. */
    readonly tfvars?: Map<string, Val>,
  ) {
    this.root = { mod: this };
  }
}

const META_ARGS = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

export class Evaluator {
  /** Work done in the current top-level evaluation, and in the whole unit. */
  steps = 0;
  total = 0;
  private refDepth = 0;
  private unitNoted = false;

  constructor(readonly host: EvalHost) {}

  private tick(n = 1): void {
    this.steps += n;
    this.total += n;
    if (this.steps > MAX_STEPS || this.total > MAX_UNIT_STEPS) throw new BudgetExceeded();
  }

  /** Runs one top-level evaluation with a fresh budget; an exhausted budget makes its result unknown (with a note). */
  guarded<T>(f: () => T, fallback: () => T, loc: Location): T {
    const outer = this.steps;
    this.steps = 0;
    try {
      return f();
    } catch (e) {
      if (!(e instanceof BudgetExceeded)) throw e;
      if (this.total > MAX_UNIT_STEPS) {
        if (!this.unitNoted) this.host.note(`evaluation stopped after ${MAX_UNIT_STEPS} steps: the rest of this configuration is treated as unknown`, loc);
        this.unitNoted = true;
      } else this.host.note(`evaluation stopped after ${MAX_STEPS} steps: treated as unknown`, loc);
      return fallback();
    } finally {
      this.steps = outer;
    }
  }

  text(ctx: FileCtx, x: { s: number; e: number }): string {
    const raw = ctx.text.slice(x.s, Math.min(x.e, x.s + 400));
    const t = raw.replace(/\s+/g, ' ').trim();
    return t.length > 120 ? `${t.slice(0, 117)}...` : t;
  }

  evalAttr(a: Attr, sc: Scope): Val {
    return this.eval(a.expr, sc, a.ctx);
  }

  attr(body: Body, name: string, sc: Scope): Val | undefined {
    const a = attrOf(body, name);
    return a ? this.evalAttr(a, sc) : undefined;
  }

  eval(x: Expr, sc: Scope, ctx: FileCtx): Val {
    this.tick();
    const loc = (): Location => ctx.loc(x.s, x.e);
    switch (x.t) {
      case 'lit':
        if (x.v === null) return { k: 'null', loc: loc() };
        return typeof x.v === 'number' ? { k: 'num', v: x.v, loc: loc() } : { k: 'bool', v: x.v, loc: loc() };
      case 'tpl':
        return this.template(x.parts, sc, ctx, x);
      case 'tuple': {
        this.tick(x.items.length);
        const items: Val[] = [];
        for (const i of x.items) items.push(this.eval(i, sc, ctx));
        return { k: 'list', items, loc: loc() };
      }
      case 'obj': {
        this.tick(x.elems.length);
        const entries: ObjEntry[] = [];
        for (const el of x.elems) {
          let key: string | undefined = el.ident;
          if (key === undefined) {
            const kv = this.eval(el.key, sc, ctx);
            key = asText(kv);
            if (key === undefined) return unknown(this.text(ctx, x), loc());
          }
          const value = this.eval(el.val, sc, ctx);
          const at = entries.findIndex((e) => e.key === key);
          const entry = { key, keyLoc: ctx.loc(el.key.s, el.key.e), value };
          if (at >= 0) entries[at] = entry;
          else entries.push(entry);
        }
        return { k: 'obj', entries, loc: loc() };
      }
      case 'var':
      case 'get':
      case 'idx':
        return this.reference(x, sc, ctx);
      case 'splat': {
        const base = this.eval(x.obj, sc, ctx);
        return this.splat(base, x.each, sc, ctx, x);
      }
      case 'call':
        return this.call(x, sc, ctx);
      case 'cond': {
        const c = this.eval(x.c, sc, ctx);
        if (c.k === 'bool') return this.eval(c.v ? x.a : x.b, sc, ctx);
        if (c.k === 'str' && (strText(c) === 'true' || strText(c) === 'false')) return this.eval(strText(c) === 'true' ? x.a : x.b, sc, ctx);
        return unknown(this.text(ctx, x), loc(), c.k === 'unk' && c.err ? { err: true } : undefined);
      }
      case 'bin':
        return this.binary(x.op, this.eval(x.l, sc, ctx), x.op === '&&' || x.op === '||' ? undefined : this.eval(x.r, sc, ctx), x, sc, ctx);
      case 'un': {
        const v = this.eval(x.x, sc, ctx);
        if (x.op === '-' && v.k === 'num') return { k: 'num', v: -v.v, loc: loc() };
        if (x.op === '!' && v.k === 'bool') return { k: 'bool', v: !v.v, loc: loc() };
        return unknown(this.text(ctx, x), loc(), v.k === 'unk' && v.err ? { err: true } : undefined);
      }
      case 'for':
        return this.forExpr(x, sc, ctx);
      case 'bad':
        return unknown(this.text(ctx, x) || '(invalid expression)', loc(), { err: true });
      case 'val':
        return x.v;
    }
  }

  // ---- templates -----------------------------------------------------------------------------------------

  private template(parts: TplNode[], sc: Scope, ctx: FileCtx, x: { s: number; e: number }): Val {
    const loc = ctx.loc(x.s, x.e);
    // A template that is one interpolation yields the value itself, not its text (HCL's rule).
    if (parts.length === 1 && parts[0]?.t === 'interp') return this.eval(parts[0].x, sc, ctx);
    const out: StrPart[] = [];
    this.templateParts(parts, sc, ctx, out);
    return { k: 'str', parts: out, loc };
  }

  private templateParts(parts: TplNode[], sc: Scope, ctx: FileCtx, out: StrPart[]): void {
    for (const p of parts) {
      if (out.length > MAX_PARTS) throw new BudgetExceeded();
      switch (p.t) {
        case 'text':
          for (const g of p.segs) out.push(g.n === undefined ? { text: g.text, ctx, off: g.off } : { text: g.text, ctx, off: g.off, n: g.n });
          break;
        case 'interp':
          this.appendText(this.eval(p.x, sc, ctx), out, ctx.loc(p.s, p.e), this.text(ctx, p.x));
          break;
        case 'if': {
          const c = this.eval(p.c, sc, ctx);
          if (c.k === 'bool') this.templateParts(c.v ? p.then : p.else, sc, ctx, out);
          else out.push({ unk: this.text(ctx, p), loc: ctx.loc(p.s, p.e) });
          break;
        }
        case 'for': {
          const coll = this.eval(p.coll, sc, ctx);
          const pairs = this.pairs(coll);
          if (!pairs) {
            out.push({ unk: this.text(ctx, p), loc: ctx.loc(p.s, p.e) });
            break;
          }
          for (const [k, v] of pairs) {
            this.tick();
            const names = new Map<string, Val>([[p.v, v]]);
            if (p.k) names.set(p.k, k);
            this.templateParts(p.body, { mod: sc.mod, names, parent: sc, ...(sc.isolated ? { isolated: true } : {}) }, ctx, out);
          }
          break;
        }
      }
    }
  }

  /** Appends a value's text to a template: primitives as text, strings piece by piece, the rest as unknown. */
  appendText(v: Val, out: StrPart[], loc: Location, text: string): void {
    switch (v.k) {
      case 'str':
        this.tick(v.parts.length);
        for (const p of v.parts) out.push(p);
        return;
      case 'num':
        out.push({ text: numText(v.v), ctx: null, off: 0 });
        return;
      case 'bool':
        out.push({ text: v.v ? 'true' : 'false', ctx: null, off: 0 });
        return;
      case 'unk': {
        const u: StrPart = { unk: v.text, loc: v.loc };
        if (v.ref) u.ref = v.ref;
        if (v.hint) u.hint = v.hint;
        out.push(u);
        return;
      }
      default:
        out.push({ unk: text, loc });
    }
  }

  // ---- references ----------------------------------------------------------------------------------------

  private reference(x: Expr, sc: Scope, ctx: FileCtx): Val {
    const chain: Traversal[] = [];
    let b: Expr = x;
    while (b.t === 'get' || b.t === 'idx') {
      chain.unshift(b.t === 'get' ? { t: 'get', name: b.name, s: b.s, e: b.e } : { t: 'idx', key: b.key, s: b.s, e: b.e });
      b = b.obj;
    }
    const loc = ctx.loc(x.s, x.e);
    if (b.t !== 'var') return this.applyChain(this.eval(b, sc, ctx), chain, sc, ctx, x, loc);
    const v = this.root(b.name, chain, sc, ctx, x, loc);
    // An unknown is named as written here (`var.role`, `module.app.arn`), still pointing at its target.
    if (v.k === 'unk') return { ...v, text: this.text(ctx, x), loc };
    return withLoc(v, loc);
  }

  private lookupName(sc: Scope, name: string): Val | undefined {
    for (let s: Scope | undefined = sc; s; s = s.parent) {
      const v = s.names?.get(name);
      if (v) return v;
    }
    return undefined;
  }

  private isIsolated(sc: Scope): boolean {
    for (let s: Scope | undefined = sc; s; s = s.parent) if (s.isolated) return true;
    return false;
  }

  private root(name: string, chain: Traversal[], sc: Scope, ctx: FileCtx, whole: Expr, loc: Location): Val {
    const bound = this.lookupName(sc, name);
    if (bound) return this.applyChain(bound, chain, sc, ctx, whole, loc);
    const text = this.text(ctx, whole);
    if (this.isIsolated(sc)) return unknown(text, loc, { err: true });
    const mod = sc.mod;
    const first = chain[0];
    const firstName = first?.t === 'get' ? first.name : undefined;
    switch (name) {
      case 'var':
        if (!firstName) return unknown(text, loc);
        return this.applyChain(this.variable(mod, firstName, loc), chain.slice(1), sc, ctx, whole, loc);
      case 'local':
        if (!firstName) return unknown(text, loc);
        return this.applyChain(this.local(mod, firstName, loc), chain.slice(1), sc, ctx, whole, loc);
      case 'module':
        if (!firstName) return unknown(text, loc);
        return this.moduleRef(mod, firstName, chain.slice(1), sc, ctx, whole, loc);
      case 'path': {
        if (firstName === 'module') return this.applyChain({ k: 'str', parts: [{ text: mod.pathModule, ctx: null, off: 0 }], loc }, chain.slice(1), sc, ctx, whole, loc);
        if (firstName === 'root' || firstName === 'cwd') return this.applyChain({ k: 'str', parts: [{ text: '.', ctx: null, off: 0 }], loc }, chain.slice(1), sc, ctx, whole, loc);
        return unknown(text, loc, { err: true });
      }
      case 'count':
      case 'each':
      case 'self':
      case 'terraform':
        return unknown(text, loc);
      case 'data': {
        const type = firstName;
        const n = chain[1];
        if (!type || n?.t !== 'get') return unknown(text, loc);
        return this.resourceRef(`${mod.prefix}data.${type}.${n.name}`, chain.slice(2), sc, ctx, text, loc);
      }
      default: {
        if (!firstName) return unknown(text, loc, { err: true });
        return this.resourceRef(`${mod.prefix}${name}.${firstName}`, chain.slice(1), sc, ctx, text, loc);
      }
    }
  }

  /** `aws_iam_role.x.arn`, `data.aws_iam_policy_document.d["k"].json`: unknown until apply, but it knows its target. */
  private resourceRef(address: string, rest: Traversal[], sc: Scope, ctx: FileCtx, text: string, loc: Location): Val {
    let i = 0;
    let inst: string | number | undefined;
    if (rest[0]?.t === 'idx') {
      const k = this.eval(rest[0].key, sc, ctx);
      if (k.k === 'num') inst = k.v;
      else inst = strText(k);
      i = 1;
    }
    const attrStep = rest[i];
    const ref: RefTarget = { address };
    if (attrStep?.t === 'get') ref.attribute = attrStep.name;
    const extra: Parameters<typeof unknown>[2] = { ref };
    if (inst !== undefined) extra.inst = inst;
    if (isThisAccount(ref)) extra.hint = 'this-account';
    return unknown(text, loc, extra);
  }

  private applyChain(v: Val, chain: Traversal[], sc: Scope, ctx: FileCtx, whole: Expr, loc: Location): Val {
    let cur = v;
    for (const step of chain) {
      this.tick();
      if (cur.k === 'unk') return this.unknownFrom(cur, ctx, whole, loc, step);
      if (step.t === 'get') {
        if (cur.k === 'obj') {
          const e = cur.entries.find((en) => en.key === step.name);
          if (!e) return unknown(this.text(ctx, whole), loc, { err: true });
          cur = e.value;
        } else return unknown(this.text(ctx, whole), loc, { err: true });
      } else {
        const k = this.eval(step.key, sc, ctx);
        if (k.k === 'unk') return unknown(this.text(ctx, whole), loc, k.err ? { err: true } : undefined);
        if (cur.k === 'list') {
          const i = k.k === 'num' ? k.v : Number(strText(k));
          const item = Number.isInteger(i) ? cur.items[i] : undefined;
          if (!item) return unknown(this.text(ctx, whole), loc, { err: true });
          cur = item;
        } else if (cur.k === 'obj') {
          const key = asText(k);
          const e = key === undefined ? undefined : cur.entries.find((en) => en.key === key);
          if (!e) return unknown(this.text(ctx, whole), loc, { err: true });
          cur = e.value;
        } else return unknown(this.text(ctx, whole), loc, { err: true });
      }
    }
    return cur;
  }

  /** Traversing an unknown: still unknown, keeping its target (and the first attribute named). */
  private unknownFrom(u: UnkVal, ctx: FileCtx, whole: Expr, loc: Location, step?: Traversal): Val {
    const out = unknown(this.text(ctx, whole), loc);
    if (u.err) out.err = true;
    if (u.hint) out.hint = u.hint;
    if (u.ref) {
      out.ref = u.ref.attribute === undefined && step?.t === 'get' ? { address: u.ref.address, attribute: step.name } : u.ref;
      if (isThisAccount(out.ref)) out.hint = 'this-account';
    }
    if (u.inst !== undefined) out.inst = u.inst;
    return out;
  }

  private splat(base: Val, each: Traversal[], sc: Scope, ctx: FileCtx, whole: Expr): Val {
    const loc = ctx.loc(whole.s, whole.e);
    if (base.k === 'unk') return this.unknownFrom(base, ctx, whole, loc, each[0]);
    if (base.k === 'null') return { k: 'list', items: [], loc };
    const items = base.k === 'list' ? base.items : [base];
    return { k: 'list', items: items.map((i) => this.applyChain(i, each, sc, ctx, whole, i.loc)), loc };
  }

  // ---- variables, locals, outputs, modules ---------------------------------------------------------------

  private enter<T>(key: string, mod: ModInst, loc: Location, f: () => T, onCycle: () => T): T {
    if (mod.busy.has(key)) {
      this.host.problem(`${key} refers to itself (a dependency cycle); Terraform rejects the configuration`, loc);
      return onCycle();
    }
    if (this.refDepth >= MAX_REF_DEPTH) {
      this.host.note(`references nested more than ${MAX_REF_DEPTH} deep: ${key} treated as unknown`, loc);
      return onCycle();
    }
    mod.busy.add(key);
    this.refDepth++;
    try {
      return f();
    } finally {
      this.refDepth--;
      mod.busy.delete(key);
    }
  }

  variable(mod: ModInst, name: string, loc: Location): Val {
    const cached = mod.vars.get(name);
    if (cached) return cached;
    const key = `var.${name}`;
    const v = this.enter(
      key,
      mod,
      loc,
      () => {
        const decl = mod.cfg.variables.get(name);
        const input = mod.inputs?.get(name);
        const fromFile = mod.tfvars?.get(name);
        const def = decl && attrOf(decl.body, 'default');
        let v: Val;
        if (input) v = this.evalAttr(input.attr, input.scope);
        else if (fromFile) v = fromFile;
        else if (!decl) return unknown(key, loc, { err: true });
        else if (def) v = this.evalAttr(def, { mod, isolated: true });
        else return unknown(key, loc);
        // `nullable = false`: a null passed in means the default.
        const nullable = decl && attrOf(decl.body, 'nullable');
        if (v.k === 'null' && def && nullable?.expr.t === 'lit' && nullable.expr.v === false) v = this.evalAttr(def, { mod, isolated: true });
        // The declared type fills in optional object attributes (with null or their default), as Terraform does.
        const type = decl && attrOf(decl.body, 'type');
        if (!type || v.k === 'null') return v;
        return convertType(this, v, type.expr, { mod, isolated: true }, type.ctx, 0);
      },
      () => unknown(key, loc),
    );
    mod.vars.set(name, v);
    return v;
  }

  local(mod: ModInst, name: string, loc: Location): Val {
    const cached = mod.locals.get(name);
    if (cached) return cached;
    const key = `local.${name}`;
    const a = mod.cfg.locals.get(name);
    if (!a) return unknown(key, loc, { err: true });
    const v = this.enter(key, mod, loc, () => this.evalAttr(a, mod.root), () => unknown(key, loc));
    mod.locals.set(name, v);
    return v;
  }

  output(mod: ModInst, name: string, loc: Location): Val {
    const cached = mod.outputs.get(name);
    if (cached) return cached;
    const key = `output.${name}`;
    const b = mod.cfg.outputs.get(name);
    const a = b && attrOf(b.body, 'value');
    if (!a) return unknown(`${mod.prefix}${key}`, loc, { err: true });
    const v = this.enter(key, mod, loc, () => this.evalAttr(a, mod.root), () => unknown(key, loc));
    mod.outputs.set(name, v);
    return v;
  }

  private moduleRef(mod: ModInst, name: string, rest: Traversal[], sc: Scope, ctx: FileCtx, whole: Expr, loc: Location): Val {
    const text = this.text(ctx, whole);
    const call = this.childCall(mod, name);
    if (!call) return unknown(text, loc, { err: true });
    let i = 0;
    let chosen: ChildInstance | undefined;
    const multi = call.instances.length !== 1 || call.instances[0]?.key !== undefined;
    if (rest[0]?.t === 'idx') {
      const k = this.eval(rest[0].key, sc, ctx);
      const key = k.k === 'num' ? k.v : strText(k);
      chosen = call.instances.find((c) => c.key === key || (typeof key === 'string' && String(c.key) === key));
      i = 1;
      if (!chosen) return unknown(text, loc, call.unavailable || k.k === 'unk' ? undefined : { err: true });
    } else if (!multi) chosen = call.instances[0];
    if (!chosen) return unknown(text, loc);
    const out = rest[i];
    if (out?.t !== 'get') return unknown(text, loc);
    const v = this.output(chosen.inst, out.name, loc);
    return this.applyChain(v, rest.slice(i + 1), sc, ctx, whole, loc);
  }

  /** The instances of a module call, created on first use. */
  childCall(mod: ModInst, name: string): ChildCall | undefined {
    const existing = mod.children.get(name);
    if (existing) return existing;
    const block = mod.cfg.modules.get(name);
    if (!block) return undefined;
    const call: ChildCall = { block, instances: [] };
    mod.children.set(name, call);
    const where = block.ctx.loc(block.s, block.te);
    if (mod.depth >= MAX_MODULE_DEPTH) {
      call.unavailable = 'too deep';
      this.host.problem(`modules nested more than ${MAX_MODULE_DEPTH} levels deep: module "${name}" not evaluated`, where);
      return call;
    }
    const srcVal = this.attr(block.body, 'source', mod.root);
    const source = srcVal ? strText(srcVal) : undefined;
    const loaded = this.host.loadModule(mod, block, source);
    if ('message' in loaded) {
      call.unavailable = loaded.message;
      const srcAttr = attrOf(block.body, 'source');
      const at = srcAttr ? srcAttr.ctx.loc(srcAttr.s, srcAttr.e) : where;
      if (loaded.problem) this.host.problem(loaded.message, at);
      else this.host.note(loaded.message, at);
      return call;
    }
    const scopes = this.expand(block.body, mod.root);
    const callerLoc = block.ctx.loc(block.s, block.e);
    for (const { scope, key } of scopes) {
      const inputs = new Map<string, { attr: Attr; scope: Scope }>();
      for (const a of block.body.attrs) if (!META_ARGS.has(a.name)) inputs.set(a.name, { attr: a, scope });
      const inst = new ModInst(`${mod.prefix}module.${name}.`, loaded.cfg, loaded.pathModule, [...mod.callers, callerLoc], mod.depth + 1, mod, inputs);
      const ci: ChildInstance = { inst };
      if (key !== undefined) ci.key = key;
      call.instances.push(ci);
    }
    return call;
  }

  // ---- count / for_each / dynamic ------------------------------------------------------------------------

  /** The instances a block with `count` or `for_each` stands for; one instance (with unknown keys) when unknown. */
  expand(body: Body, sc: Scope): { scope: Scope; key?: string | number }[] {
    const countAttr = attrOf(body, 'count');
    const eachAttr = attrOf(body, 'for_each');
    if (countAttr) {
      const c = this.evalAttr(countAttr, sc);
      const loc = countAttr.ctx.loc(countAttr.expr.s, countAttr.expr.e);
      if (c.k === 'num') {
        const n = Math.max(0, Math.floor(c.v));
        if (n > MAX_INSTANCES) this.host.note(`count = ${n}: only the first ${MAX_INSTANCES} instances are evaluated`, loc);
        return Array.from({ length: Math.min(n, MAX_INSTANCES) }, (_, i) => ({
          scope: this.bind(sc, 'count', obj([['index', { k: 'num', v: i, loc }]], loc)),
          key: i,
        }));
      }
      return [{ scope: this.bind(sc, 'count', obj([['index', unknown('count.index', loc)]], loc)) }];
    }
    if (eachAttr) {
      const v = this.evalAttr(eachAttr, sc);
      const loc = eachAttr.ctx.loc(eachAttr.expr.s, eachAttr.expr.e);
      const pairs = v.k === 'list' ? v.items.map((i): [Val, Val] => [i, i]) : v.k === 'obj' ? v.entries.map((e): [Val, Val] => [{ k: 'str', parts: [{ text: e.key, ctx: null, off: 0 }], loc: e.keyLoc }, e.value]) : undefined;
      if (!pairs) return [{ scope: this.bind(sc, 'each', obj([['key', unknown('each.key', loc)], ['value', unknown('each.value', loc)]], loc)) }];
      if (pairs.length > MAX_INSTANCES) this.host.note(`for_each over ${pairs.length} elements: only the first ${MAX_INSTANCES} are evaluated`, loc);
      return pairs.slice(0, MAX_INSTANCES).map(([k, val]) => {
        const key = asText(k);
        const out: { scope: Scope; key?: string | number } = { scope: this.bind(sc, 'each', obj([['key', k], ['value', val]], loc)) };
        if (key !== undefined) out.key = key;
        return out;
      });
    }
    return [{ scope: sc }];
  }

  bind(sc: Scope, name: string, v: Val): Scope {
    return { mod: sc.mod, names: new Map([[name, v]]), parent: sc };
  }

  /**
   * Nested blocks of a type, with `dynamic "type"` blocks expanded: each instance comes with the scope its
   * attributes are evaluated in (the iterator bound). An unknown `for_each` gives one instance with unknown values.
   */
  nested(body: Body, type: string, sc: Scope): { body: Body; block: Block; scope: Scope }[] {
    const out: { body: Body; block: Block; scope: Scope }[] = [];
    for (const b of body.blocks) {
      if (b.type === type) out.push({ body: b.body, block: b, scope: sc });
      else if (b.type === 'dynamic' && b.labels[0] === type) {
        const content = b.body.blocks.find((c) => c.type === 'content');
        if (!content) continue;
        const it = attrOf(b.body, 'iterator');
        const iter = it && it.expr.t === 'var' ? it.expr.name : type;
        const each = attrOf(b.body, 'for_each');
        const v = each ? this.evalAttr(each, sc) : undefined;
        const loc = b.ctx.loc(b.s, b.e);
        const pairs = !v ? undefined : v.k === 'list' ? v.items.map((i, n): [Val, Val] => [{ k: 'num', v: n, loc: i.loc }, i]) : v.k === 'obj' ? v.entries.map((e): [Val, Val] => [{ k: 'str', parts: [{ text: e.key, ctx: null, off: 0 }], loc: e.keyLoc }, e.value]) : undefined;
        if (!pairs) {
          // How many blocks, and what is in them, is known only at apply. A block written without the iterator
          // is evaluated once; one made from the iterator would be nothing but unknowns, and is left out.
          if (mentions(content.body, iter)) {
            this.host.note(`dynamic "${type}" over ${each ? `"${this.text(b.ctx, each.expr)}"` : 'nothing'}, unknown before apply: its blocks are not evaluated`, b.ctx.loc(b.s, b.te));
            continue;
          }
          out.push({ body: content.body, block: content, scope: this.bind(sc, iter, obj([['key', unknown(`${iter}.key`, loc)], ['value', unknown(`${iter}.value`, loc)]], loc)) });
          continue;
        }
        for (const [k, val] of pairs.slice(0, MAX_INSTANCES)) {
          this.tick();
          out.push({ body: content.body, block: content, scope: this.bind(sc, iter, obj([['key', k], ['value', val]], loc)) });
        }
      }
    }
    return out;
  }

  // ---- operators, for expressions, functions -------------------------------------------------------------

  private binary(op: string, l: Val, rMaybe: Val | undefined, x: Expr, sc: Scope, ctx: FileCtx): Val {
    const loc = ctx.loc(x.s, x.e);
    const unk = (): Val => unknown(this.text(ctx, x), loc, (l.k === 'unk' && l.err) || (rMaybe?.k === 'unk' && rMaybe.err) ? { err: true } : undefined);
    if (op === '&&' || op === '||') {
      // A known side that decides the result decides it even when the other side is unknown (as Terraform does).
      const decisive = op === '||';
      if (l.k === 'bool' && l.v === decisive) return { k: 'bool', v: decisive, loc };
      const r = this.eval((x as { r: Expr }).r, sc, ctx);
      if (r.k === 'bool' && r.v === decisive) return { k: 'bool', v: decisive, loc };
      if (l.k === 'bool' && r.k === 'bool') return { k: 'bool', v: !decisive, loc };
      return unknown(this.text(ctx, x), loc, (l.k === 'unk' && l.err) || (r.k === 'unk' && r.err) ? { err: true } : undefined);
    }
    const r = rMaybe as Val;
    if (op === '==' || op === '!=') {
      const eq = equalVals(l, r);
      if (eq === undefined) return unk();
      return { k: 'bool', v: op === '==' ? eq : !eq, loc };
    }
    const a = l.k === 'num' ? l.v : l.k === 'str' ? Number(strText(l)) : NaN;
    const b = r.k === 'num' ? r.v : r.k === 'str' ? Number(strText(r)) : NaN;
    if (!Number.isFinite(a) || !Number.isFinite(b)) return unk();
    switch (op) {
      case '+':
        return { k: 'num', v: a + b, loc };
      case '-':
        return { k: 'num', v: a - b, loc };
      case '*':
        return { k: 'num', v: a * b, loc };
      case '/':
        return b === 0 ? unk() : { k: 'num', v: a / b, loc };
      case '%':
        return b === 0 ? unk() : { k: 'num', v: a % b, loc };
      case '<':
        return { k: 'bool', v: a < b, loc };
      case '>':
        return { k: 'bool', v: a > b, loc };
      case '<=':
        return { k: 'bool', v: a <= b, loc };
      case '>=':
        return { k: 'bool', v: a >= b, loc };
      default:
        return unk();
    }
  }

  /** Key/value pairs to iterate: list items with their index, object entries with their key. */
  pairs(v: Val): [Val, Val][] | undefined {
    if (v.k === 'list') return v.items.map((i, n): [Val, Val] => [{ k: 'num', v: n, loc: i.loc }, i]);
    if (v.k === 'obj') return v.entries.map((e): [Val, Val] => [{ k: 'str', parts: [{ text: e.key, ctx: null, off: 0 }], loc: e.keyLoc }, e.value]);
    return undefined;
  }

  private forExpr(x: Extract<Expr, { t: 'for' }>, sc: Scope, ctx: FileCtx): Val {
    const loc = ctx.loc(x.s, x.e);
    const coll = this.eval(x.coll, sc, ctx);
    const pairs = this.pairs(coll);
    if (!pairs) return unknown(this.text(ctx, x), loc, coll.k === 'unk' && coll.err ? { err: true } : undefined);
    const items: Val[] = [];
    const entries: ObjEntry[] = [];
    for (const [k, v] of pairs) {
      this.tick();
      const names = new Map<string, Val>([[x.v, v]]);
      if (x.k) names.set(x.k, k);
      const inner: Scope = { mod: sc.mod, names, parent: sc, ...(this.isIsolated(sc) ? { isolated: true } : {}) };
      if (x.cond) {
        const c = this.eval(x.cond, inner, ctx);
        if (c.k !== 'bool') return unknown(this.text(ctx, x), loc);
        if (!c.v) continue;
      }
      const val = this.eval(x.val, inner, ctx);
      if (!x.isObj) {
        items.push(val);
        continue;
      }
      const kv = x.key ? this.eval(x.key, inner, ctx) : undefined;
      const key = kv && asText(kv);
      if (key === undefined || !kv) return unknown(this.text(ctx, x), loc);
      const at = entries.findIndex((e) => e.key === key);
      if (x.group) {
        const existing = entries[at];
        if (existing && existing.value.k === 'list') existing.value.items.push(val);
        else entries.push({ key, keyLoc: kv.loc, value: { k: 'list', items: [val], loc: val.loc } });
      } else if (at >= 0) entries[at] = { key, keyLoc: kv.loc, value: val };
      else entries.push({ key, keyLoc: kv.loc, value: val });
    }
    return x.isObj ? { k: 'obj', entries, loc } : { k: 'list', items, loc };
  }

  private call(x: Extract<Expr, { t: 'call' }>, sc: Scope, ctx: FileCtx): Val {
    const loc = ctx.loc(x.s, x.e);
    const text = this.text(ctx, x);
    if (x.name === 'try') {
      for (const a of x.args) {
        const v = this.eval(a, sc, ctx);
        if (!(v.k === 'unk' && v.err)) return v;
      }
      return unknown(text, loc, { err: true });
    }
    if (x.name === 'can') {
      const v = x.args[0] ? this.eval(x.args[0], sc, ctx) : undefined;
      if (!v || (v.k === 'unk' && v.err)) return { k: 'bool', v: false, loc };
      if (v.k === 'unk') return unknown(text, loc);
      return { k: 'bool', v: true, loc };
    }
    let args = x.args.map((a) => this.eval(a, sc, ctx));
    if (x.expand) {
      const last = args[args.length - 1];
      if (!last || last.k !== 'list') return unknown(text, loc);
      args = [...args.slice(0, -1), ...last.items];
    }
    return callFunction(this, x.name, args, loc, text, sc);
  }

  /** Counts work done by functions (so `flatten` of something huge stops in time). */
  work(n: number): void {
    this.tick(n);
  }
}

/**
 * Converts a value to a variable's declared type where that changes what expressions see: object attributes
 * declared `optional(...)` appear (null, or the default given), undeclared object attributes go, primitives are
 * converted (5 to "5" for a string). Anything not understood is left as it is.
 */
function convertType(ev: Evaluator, v: Val, t: Expr, sc: Scope, ctx: FileCtx, depth: number): Val {
  if (depth > 32 || v.k === 'unk' || v.k === 'null') return v;
  if (t.t === 'var') {
    switch (t.name) {
      case 'string':
        return v.k === 'num' || v.k === 'bool' ? { k: 'str', parts: [{ text: asText(v) as string, ctx: null, off: 0 }], loc: v.loc } : v;
      case 'number': {
        const n = v.k === 'str' ? Number(strText(v)) : NaN;
        return Number.isFinite(n) ? { k: 'num', v: n, loc: v.loc } : v;
      }
      case 'bool': {
        const b = v.k === 'str' ? strText(v) : undefined;
        return b === 'true' || b === 'false' ? { k: 'bool', v: b === 'true', loc: v.loc } : v;
      }
      default:
        return v;
    }
  }
  if (t.t !== 'call') return v;
  const [inner, def] = t.args;
  switch (t.name) {
    case 'optional':
      return inner ? convertType(ev, v, inner, sc, ctx, depth + 1) : v;
    case 'list':
    case 'set':
      return inner && v.k === 'list' ? { ...v, items: v.items.map((i) => convertType(ev, i, inner, sc, ctx, depth + 1)) } : v;
    case 'map':
      return inner && v.k === 'obj' ? { ...v, entries: v.entries.map((e) => ({ ...e, value: convertType(ev, e.value, inner, sc, ctx, depth + 1) })) } : v;
    case 'tuple':
      return inner?.t === 'tuple' && v.k === 'list' ? { ...v, items: v.items.map((i, n) => (inner.items[n] ? convertType(ev, i, inner.items[n] as Expr, sc, ctx, depth + 1) : i)) } : v;
    case 'object': {
      if (inner?.t !== 'obj' || v.k !== 'obj') return v;
      const entries: ObjEntry[] = [];
      for (const el of inner.elems) {
        const name = el.ident ?? asText(ev.eval(el.key, sc, ctx));
        if (name === undefined) return v;
        const given = v.entries.find((e) => e.key === name);
        if (given) {
          entries.push({ ...given, value: convertType(ev, given.value, el.val, sc, ctx, depth + 1) });
          continue;
        }
        if (el.val.t !== 'call' || el.val.name !== 'optional') return v; // a required attribute is missing: leave it to Terraform
        const dflt = el.val.args[1];
        const value: Val = dflt ? ev.eval(dflt, sc, ctx) : { k: 'null', loc: v.loc };
        const typed = el.val.args[0] ? convertType(ev, value, el.val.args[0], sc, ctx, depth + 1) : value;
        entries.push({ key: name, keyLoc: v.loc, value: typed.k === 'null' ? typed : { ...typed, loc: v.loc } as Val });
      }
      return { ...v, entries };
    }
    default:
      void def;
      return v;
  }
}

/** Whether any expression in a body (nested blocks included) refers to `name`. */
function mentions(body: Body, name: string): boolean {
  const inExpr = (x: Expr): boolean => {
    switch (x.t) {
      case 'var':
        return x.name === name;
      case 'tpl':
        return x.parts.some(inTpl);
      case 'tuple':
        return x.items.some(inExpr);
      case 'obj':
        return x.elems.some((e) => inExpr(e.key) || inExpr(e.val));
      case 'get':
        return inExpr(x.obj);
      case 'idx':
        return inExpr(x.obj) || inExpr(x.key);
      case 'splat':
        return inExpr(x.obj) || x.each.some((t) => t.t === 'idx' && inExpr(t.key));
      case 'call':
        return x.args.some(inExpr);
      case 'cond':
        return inExpr(x.c) || inExpr(x.a) || inExpr(x.b);
      case 'bin':
        return inExpr(x.l) || inExpr(x.r);
      case 'un':
        return inExpr(x.x);
      case 'for':
        return inExpr(x.coll) || inExpr(x.val) || (!!x.key && inExpr(x.key)) || (!!x.cond && inExpr(x.cond));
      default:
        return false;
    }
  };
  const inTpl = (p: TplNode): boolean => {
    switch (p.t) {
      case 'text':
        return false;
      case 'interp':
        return inExpr(p.x);
      case 'if':
        return inExpr(p.c) || p.then.some(inTpl) || p.else.some(inTpl);
      case 'for':
        return inExpr(p.coll) || p.body.some(inTpl);
    }
  };
  return body.attrs.some((a) => inExpr(a.expr)) || body.blocks.some((b) => mentions(b.body, name));
}

/** `data.aws_caller_identity.x.account_id`: unknown, but known to be the deploying account. */
function isThisAccount(ref: RefTarget): boolean {
  return ref.attribute === 'account_id' && /(^|\.)data\.aws_caller_identity\.[^.]+$/.test(ref.address);
}

function obj(pairs: [string, Val][], loc: Location): Val {
  return { k: 'obj', entries: pairs.map(([key, value]) => ({ key, keyLoc: loc, value })), loc };
}

