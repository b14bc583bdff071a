/**
 * A small evaluator for CDK apps that never runs them: it walks the app's TypeScript from its entry point (the
 * `cdk.json` app command, or a file that creates an `App`), follows `new Stack(app, 'Id')` into the class's
 * constructor, and so builds the construct tree with the values the code gives. Literals, template literals,
 * `const` bindings (in the same file or imported from the app), enum-like constants, object literals and simple
 * arrays resolve; calls of the app's own functions and methods are followed (with depth and step limits);
 * anything else is unknown. Classes that the entry point never reaches are evaluated on their own, with unknown
 * arguments, under a construct path that starts with the class name.
 *
 * What the library classes do (IAM, resource policies, grants) lives in `library.ts`.
 */
import { posix } from 'node:path';
import { AST_NODE_TYPES as T, type TSESTree } from '@typescript-eslint/typescript-estree';
import type { Location } from '../../../src/model/location.js';
import type { ParseNote } from '../../../src/model/model.js';
import type { SourceFile } from '../../../src/engine/source.js';
import { locOf, parseTypeScript, textOf, type Node, type ParsedFile } from './ast.js';
import { Library } from './library.js';
import { located } from './lower.js';
import type { Located } from '../../../src/model/located.js';
import {
  asTemplateParts,
  CNode,
  fromParts,
  lit,
  locOfVal,
  prop,
  str,
  Thing,
  unk,
  type Arr,
  type ClassRef,
  type FnVal,
  type FunctionNode,
  type ModuleRef,
  type Obj,
  type Prop,
  type ScopeRef,
  type Val,
} from './values.js';

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;
type UserClass = Extract<ClassRef, { kind: 'user' }>;

const MAX_STEPS = 400_000;
const MAX_DEPTH = 40;
const MAX_UNROLL = 64;

/** Module names as the library table knows them: `aws-cdk-lib/aws-iam` -> `aws-iam`, `aws-cdk-lib` -> `core`. */
export function libModule(source: string): string {
  if (source === 'aws-cdk-lib') return 'core';
  if (source.startsWith('aws-cdk-lib/')) return source.slice('aws-cdk-lib/'.length);
  return source;
}

class Scope implements ScopeRef {
  readonly vars = new Map<string, { val: Val | undefined; init?: () => Val }>();
  constructor(readonly parent?: Scope) {}

  declare(name: string, val: Val): void {
    this.vars.set(name, { val });
  }
}

class Module implements ModuleRef {
  readonly scope = new Scope();
  /** Exported names: a thunk giving the value. */
  readonly exports = new Map<string, () => Val>();
  /** `export * from './x'`: the modules re-exported whole. */
  readonly stars: string[] = [];
  readonly classes: UserClass[] = [];
  constructor(
    readonly rel: string,
    readonly pf: ParsedFile,
  ) {}
}

interface Ctx {
  scope: Scope;
  mod: Module;
  thisVal?: Val;
  /** In a constructor: what `super(...)` runs. */
  onSuper?: (args: Val[], node: Node) => void;
  /** In a method: the class whose parent `super.x()` reaches. */
  cls?: UserClass;
}

type Completion = undefined | { type: 'return'; val: Val } | { type: 'break' } | { type: 'continue' };

class BudgetExceeded extends Error {}

export class Interp {
  readonly modules = new Map<string, Module | null>();
  /** Every construct created, in creation order. */
  readonly nodes: CNode[] = [];
  readonly notes: ParseNote[] = [];
  readonly problems: { message: string; loc: Location }[] = [];
  readonly lib: Library;
  private steps = 0;
  private depth = 0;
  private readonly callStack: Node[] = [];
  private readonly instantiated = new Set<ClassNode>();
  private readonly orphanRoots = new Map<string, CNode>();
  private budgetNoted = false;

  constructor(
    /** The unit's files by root-relative path. */
    readonly files: ReadonlyMap<string, SourceFile>,
  ) {
    this.lib = new Library(this);
  }

  // ---- entry points ----------------------------------------------------------------------------------------

  /** Runs the entry modules' top-level code, then every construct class not reached from them. */
  run(entries: string[], candidates: string[]): void {
    for (const rel of entries) {
      const mod = this.module(rel);
      if (!mod?.pf.program) continue;
      this.guarded(mod.pf, () => {
        const ctx: Ctx = { scope: mod.scope, mod };
        for (const st of mod.pf.program?.body ?? []) {
          const c = this.execTop(st, ctx);
          if (c) break;
        }
      });
    }
    for (const rel of candidates) this.module(rel);
    // Classes nobody instantiated: stacks and stages first, so the constructs they create count as reached.
    const pending = [...this.modules.values()].flatMap((m) => (m ? m.classes : []));
    const rank = (c: UserClass): number => {
      const base = this.baseLib(c);
      const n = base?.kind === 'lib' ? base.name : '';
      return n === 'Stage' ? 0 : n === 'Stack' ? 1 : n === 'NestedStack' ? 2 : 3;
    };
    pending.sort((a, b) => rank(a) - rank(b));
    for (const cls of pending) {
      if (this.instantiated.has(cls.decl) || !this.isConstructClass(cls)) continue;
      const mod = this.modules.get(cls.mod.rel);
      if (!mod) continue;
      this.guarded(mod.pf, () => this.standalone(cls));
    }
  }

  private guarded(pf: ParsedFile, f: () => void): void {
    try {
      f();
    } catch (e) {
      if (e instanceof BudgetExceeded) {
        if (!this.budgetNoted) {
          this.budgetNoted = true;
          this.notes.push({ message: 'the CDK app is too large or too deeply recursive to evaluate completely; the rest was not linted', loc: { file: pf.rel, line: 1, column: 1, endLine: 1, endColumn: 1 } });
        }
        this.steps = MAX_STEPS - 1000; // leave room for the other entry points' bookkeeping
        return;
      }
      this.problems.push({ message: `could not evaluate the CDK app completely: ${e instanceof Error ? e.message : String(e)}`, loc: { file: pf.rel, line: 1, column: 1, endLine: 1, endColumn: 1 } });
    }
  }

  /** A class evaluated on its own: its construct path starts with its name; its arguments are unknown. */
  private standalone(cls: UserClass): void {
    const base = this.baseLib(cls);
    const kind = kindOfBase(base);
    const loc = locOf(cls.mod.rel, cls.decl.id ?? cls.decl);
    const node = new CNode(cls.name, undefined, kind, loc, loc);
    this.nodes.push(node);
    const thing = new Thing(cls, loc, node);
    node.thing = thing;
    this.instantiated.add(cls.decl);
    const args: Val[] = [unk('scope', loc), lit(cls.name, loc), unk('props', loc)];
    this.runConstructor(cls, thing, args, { node: cls.decl, mod: cls.mod });
  }

  // ---- modules ---------------------------------------------------------------------------------------------

  /** Loads (once) a module of the unit; null when it cannot be read. */
  module(rel: string): Module | null {
    const known = this.modules.get(rel);
    if (known !== undefined) return known;
    const file = this.files.get(rel);
    if (!file) {
      this.modules.set(rel, null);
      return null;
    }
    const pf = parseTypeScript(rel, file.text);
    const mod = new Module(rel, pf);
    this.modules.set(rel, mod);
    if (pf.error) this.problems.push({ message: `TypeScript syntax error: ${pf.error.message}`, loc: pf.error.loc });
    if (pf.program) this.declareTop(mod, pf.program);
    return mod;
  }

  /** The unit file a relative import names (`./x`, `./x.js`, `./dir` with an index). */
  resolveImport(from: string, source: string): string | undefined {
    if (!source.startsWith('.')) return undefined;
    const base = posix.normalize(posix.join(posix.dirname(from), source));
    const stem = base.replace(/\.(c|m)?js$/, '');
    for (const c of [base, `${stem}.ts`, `${stem}.mts`, `${stem}.cts`, `${stem}.tsx`, `${stem}/index.ts`]) if (this.files.has(c)) return c;
    return undefined;
  }

  /** Binds a module's top-level declarations lazily: a `const` is evaluated when first read. */
  private declareTop(mod: Module, program: TSESTree.Program): void {
    const ctx: Ctx = { scope: mod.scope, mod };
    for (const st of program.body) this.declare(st, ctx, true);
  }

  private declare(st: Node, ctx: Ctx, top: boolean): void {
    const mod = ctx.mod;
    switch (st.type) {
      case T.ImportDeclaration: {
        if (st.importKind === 'type') return;
        const source = String(st.source.value);
        const target = this.resolveImport(mod.rel, source);
        for (const sp of st.specifiers) {
          const local = sp.local.name;
          if (sp.type === T.ImportNamespaceSpecifier) {
            ctx.scope.vars.set(local, { val: undefined, init: () => (target ? { k: 'ns', module: target, mod: { rel: target } } : { k: 'ns', module: libModule(source) }) });
          } else if (sp.type === T.ImportDefaultSpecifier) {
            ctx.scope.vars.set(local, { val: undefined, init: () => (target ? this.exported(target, 'default', locOf(mod.rel, sp)) : unk(local, locOf(mod.rel, sp))) });
          } else {
            if (sp.importKind === 'type') continue;
            const imported = sp.imported.type === T.Identifier ? sp.imported.name : String(sp.imported.value);
            ctx.scope.vars.set(local, {
              val: undefined,
              init: () => (target ? this.exported(target, imported, locOf(mod.rel, sp)) : this.libExport(libModule(source), imported)),
            });
          }
        }
        return;
      }
      case T.ExportNamedDeclaration: {
        if (st.declaration) {
          this.declare(st.declaration, ctx, top);
          for (const name of declaredNames(st.declaration)) mod.exports.set(name, () => this.lookup(name, ctx, st) ?? unk(name, locOf(mod.rel, st)));
        }
        if (st.exportKind === 'type') return;
        const source = st.source ? String(st.source.value) : undefined;
        const target = source ? this.resolveImport(mod.rel, source) : undefined;
        for (const sp of st.specifiers) {
          const local = sp.local.type === T.Identifier ? sp.local.name : String(sp.local.value);
          const exported = sp.exported.type === T.Identifier ? sp.exported.name : String(sp.exported.value);
          const loc = locOf(mod.rel, sp);
          if (source) mod.exports.set(exported, () => (target ? this.exported(target, local, loc) : this.libExport(libModule(source), local)));
          else mod.exports.set(exported, () => this.lookup(local, ctx, sp) ?? unk(local, loc));
        }
        return;
      }
      case T.ExportAllDeclaration: {
        const target = this.resolveImport(mod.rel, String(st.source.value));
        if (!target) return;
        if (st.exported) {
          mod.exports.set(st.exported.name, () => ({ k: 'ns', module: target, mod: { rel: target } }));
        } else mod.stars.push(target);
        return;
      }
      case T.ExportDefaultDeclaration: {
        const d = st.declaration;
        if (d.type === T.ClassDeclaration || d.type === T.FunctionDeclaration || d.type === T.TSDeclareFunction) {
          this.declare(d, ctx, top);
          const name = d.id?.name;
          mod.exports.set('default', () => (name ? (this.lookup(name, ctx, d) ?? unk(name, locOf(mod.rel, d))) : this.evalDeclarationValue(d, ctx)));
        } else if (d.type !== T.TSInterfaceDeclaration && d.type !== T.TSEnumDeclaration && d.type !== T.TSModuleDeclaration && d.type !== T.TSTypeAliasDeclaration) {
          mod.exports.set('default', () => this.eval(d as TSESTree.Expression, ctx));
        }
        return;
      }
      case T.VariableDeclaration: {
        for (const d of st.declarations) {
          const init = d.init;
          let cached: Val | undefined;
          let evaluating = false;
          const value = (): Val => {
            if (cached) return cached;
            if (evaluating) return unk(textOf(mod.pf.text, d.id), locOf(mod.rel, d.id));
            evaluating = true;
            cached = init ? this.eval(init, ctx) : { k: 'undef', loc: locOf(mod.rel, d.id) };
            evaluating = false;
            return cached;
          };
          for (const [name, get] of patternBindings(d.id, value, this, ctx)) ctx.scope.vars.set(name, { val: undefined, init: get });
        }
        return;
      }
      case T.FunctionDeclaration:
      case T.TSDeclareFunction:
        if (st.id) ctx.scope.declare(st.id.name, { k: 'fn', node: st, scope: ctx.scope, mod });
        return;
      case T.ClassDeclaration: {
        if (!st.id) return;
        const cls: UserClass = { kind: 'user', name: st.id.name, decl: st, mod };
        ctx.scope.declare(st.id.name, { k: 'cls', cls });
        if (top && !st.declare && !st.abstract) mod.classes.push(cls);
        return;
      }
      case T.TSEnumDeclaration: {
        ctx.scope.vars.set(st.id.name, { val: undefined, init: () => this.enumValue(st, ctx) });
        return;
      }
      default:
        return;
    }
  }

  private evalDeclarationValue(d: Node, ctx: Ctx): Val {
    if (d.type === T.ClassDeclaration) return { k: 'cls', cls: { kind: 'user', name: d.id?.name ?? 'default', decl: d, mod: ctx.mod } };
    if (d.type === T.FunctionDeclaration) return { k: 'fn', node: d, scope: ctx.scope, mod: ctx.mod };
    return unk('default', locOf(ctx.mod.rel, d));
  }

  private enumValue(st: TSESTree.TSEnumDeclaration, ctx: Ctx): Val {
    const props: Prop[] = [];
    let next = 0;
    for (const m of st.body.members) {
      const key = m.id.type === T.Identifier ? m.id.name : String((m.id as TSESTree.StringLiteral).value);
      const keyLoc = locOf(ctx.mod.rel, m.id);
      let value: Val;
      if (m.initializer) {
        value = this.eval(m.initializer, ctx);
        if (value.k === 'lit' && typeof value.v === 'number') next = value.v + 1;
      } else value = lit(next++, keyLoc);
      props.push({ key, keyLoc, value });
    }
    return { k: 'obj', props, loc: locOf(ctx.mod.rel, st) };
  }

  /** A name exported by a module of the unit (following `export * from`). */
  exported(rel: string, name: string, loc: Location, seen = new Set<string>()): Val {
    const mod = this.module(rel);
    if (!mod || seen.has(rel)) return unk(name, loc);
    seen.add(rel);
    const direct = mod.exports.get(name);
    if (direct) return direct();
    for (const star of mod.stars) {
      const v = this.exported(star, name, loc, seen);
      if (v.k !== 'unk') return v;
    }
    return unk(name, loc);
  }

  /** A named import from a package: a namespace (`aws_iam` of `aws-cdk-lib`) or a class (or function) of it. */
  private libExport(module: string, name: string): Val {
    if (module === 'core' && name.startsWith('aws_')) return { k: 'ns', module: name.slice(4).replace(/_/g, '-').replace(/^/, 'aws-') };
    return { k: 'cls', cls: { kind: 'lib', module, name } };
  }

  // ---- names -----------------------------------------------------------------------------------------------

  private lookup(name: string, ctx: Ctx, at: Node): Val | undefined {
    for (let s: Scope | undefined = ctx.scope; s; s = s.parent) {
      const b = s.vars.get(name);
      if (!b) continue;
      if (b.val === undefined && b.init) {
        const init = b.init;
        delete b.init;
        b.val = init();
      }
      return b.val ?? unk(name, locOf(ctx.mod.rel, at));
    }
    return undefined;
  }

  private assign(name: string, val: Val, ctx: Ctx): void {
    for (let s: Scope | undefined = ctx.scope; s; s = s.parent) {
      const b = s.vars.get(name);
      if (b) {
        b.val = val;
        delete b.init;
        return;
      }
    }
  }

  // ---- statements ------------------------------------------------------------------------------------------

  private tick(): void {
    if (++this.steps > MAX_STEPS) throw new BudgetExceeded();
  }

  /** A top-level statement of an entry module: declarations were bound lazily, so only force and run. */
  private execTop(st: TSESTree.ProgramStatement, ctx: Ctx): Completion {
    switch (st.type) {
      case T.ImportDeclaration:
      case T.ExportAllDeclaration:
      case T.ClassDeclaration:
      case T.FunctionDeclaration:
      case T.TSDeclareFunction:
      case T.TSEnumDeclaration:
      case T.TSInterfaceDeclaration:
      case T.TSTypeAliasDeclaration:
      case T.TSModuleDeclaration:
        return undefined;
      case T.ExportNamedDeclaration:
        if (st.declaration?.type === T.VariableDeclaration) for (const name of declaredNames(st.declaration)) this.lookup(name, ctx, st);
        return undefined;
      case T.ExportDefaultDeclaration:
        return undefined;
      case T.VariableDeclaration:
        for (const name of declaredNames(st)) this.lookup(name, ctx, st);
        return undefined;
      default:
        return this.exec(st, ctx);
    }
  }

  private execBlock(body: readonly Node[], ctx: Ctx): Completion {
    for (const st of body) this.declareHoisted(st, ctx);
    for (const st of body) {
      const c = this.exec(st, ctx);
      if (c) return c;
    }
    return undefined;
  }

  /** Functions and classes declared in a block are usable before their line. */
  private declareHoisted(st: Node, ctx: Ctx): void {
    if (st.type === T.FunctionDeclaration || st.type === T.ClassDeclaration || st.type === T.TSEnumDeclaration) this.declare(st, ctx, false);
  }

  private exec(st: Node, ctx: Ctx): Completion {
    this.tick();
    switch (st.type) {
      case T.ExpressionStatement:
        this.eval(st.expression, ctx);
        return undefined;
      case T.VariableDeclaration:
        for (const d of st.declarations) {
          const v = d.init ? this.eval(d.init, ctx) : ({ k: 'undef', loc: locOf(ctx.mod.rel, d.id) } as Val);
          for (const [name, get] of patternBindings(d.id, () => v, this, ctx)) ctx.scope.declare(name, get());
        }
        return undefined;
      case T.BlockStatement:
        return this.execBlock(st.body, { ...ctx, scope: new Scope(ctx.scope) });
      case T.IfStatement: {
        const test = truthy(this.eval(st.test, ctx));
        if (test === true) return this.exec(st.consequent, ctx);
        if (test === false) return st.alternate ? this.exec(st.alternate, ctx) : undefined;
        // Unknown condition: both branches may run; a return in one of them does not end the function here.
        const a = this.exec(st.consequent, ctx);
        const b = st.alternate ? this.exec(st.alternate, ctx) : undefined;
        return a?.type === 'return' && b?.type === 'return' ? a : undefined;
      }
      case T.ReturnStatement:
        return { type: 'return', val: st.argument ? this.eval(st.argument, ctx) : { k: 'undef', loc: locOf(ctx.mod.rel, st) } };
      case T.ForOfStatement:
      case T.ForInStatement: {
        const right = this.eval(st.right, ctx);
        let values: Val[] | undefined;
        if (st.type === T.ForOfStatement && right.k === 'arr' && right.items.length <= MAX_UNROLL) values = right.items;
        if (st.type === T.ForInStatement && right.k === 'obj' && !right.open && right.props.length <= MAX_UNROLL) values = right.props.map((p) => lit(p.key, p.keyLoc));
        const loc = locOf(ctx.mod.rel, st.left);
        for (const v of values ?? [unk(textOf(ctx.mod.pf.text, st.left), loc)]) {
          const scope = new Scope(ctx.scope);
          const target = st.left.type === T.VariableDeclaration ? st.left.declarations[0]?.id : st.left;
          if (target) for (const [name, get] of patternBindings(target, () => v, this, { ...ctx, scope })) scope.declare(name, get());
          const c = this.exec(st.body, { ...ctx, scope });
          if (c?.type === 'return') return c;
          if (c?.type === 'break') break;
        }
        return undefined;
      }
      case T.ForStatement:
      case T.WhileStatement:
      case T.DoWhileStatement: {
        // Bodies run once with the loop variables as the code declares them; the count is not evaluated.
        const scope = new Scope(ctx.scope);
        if (st.type === T.ForStatement && st.init) {
          if (st.init.type === T.VariableDeclaration) {
            for (const d of st.init.declarations) for (const [name] of patternBindings(d.id, () => unk('', locOf(ctx.mod.rel, d)), this, ctx)) scope.declare(name, unk(name, locOf(ctx.mod.rel, d)));
          } else this.eval(st.init, { ...ctx, scope });
        }
        const c = this.exec(st.body, { ...ctx, scope });
        return c?.type === 'return' ? c : undefined;
      }
      case T.SwitchStatement: {
        const d = this.eval(st.discriminant, ctx);
        const scope = new Scope(ctx.scope);
        let matched = false;
        for (const c of st.cases) {
          if (!matched) {
            if (!c.test) matched = true;
            else {
              const t = this.eval(c.test, ctx);
              const eq = looseEquals(d, t);
              matched = eq !== false;
            }
          }
          if (!matched) continue;
          const r = this.execBlock(c.consequent, { ...ctx, scope });
          if (r?.type === 'return') return r;
          if (r?.type === 'break') break;
        }
        return undefined;
      }
      case T.TryStatement: {
        const c = this.exec(st.block, ctx);
        if (st.finalizer) this.exec(st.finalizer, ctx);
        return c;
      }
      case T.LabeledStatement:
        return this.exec(st.body, ctx);
      case T.BreakStatement:
        return { type: 'break' };
      case T.ContinueStatement:
        return { type: 'continue' };
      case T.ThrowStatement:
        return { type: 'return', val: unk('throw', locOf(ctx.mod.rel, st)) };
      case T.FunctionDeclaration:
      case T.ClassDeclaration:
      case T.TSEnumDeclaration:
        return undefined; // hoisted
      default:
        return undefined;
    }
  }

  // ---- expressions -----------------------------------------------------------------------------------------

  loc(ctx: { mod: ModuleRef }, node: Node): Location {
    return locOf(ctx.mod.rel, node);
  }

  eval(node: Node, ctx: Ctx): Val {
    this.tick();
    const file = ctx.mod.rel;
    const loc = (): Location => locOf(file, node);
    const unknown = (): Val => unk(textOf(ctx.mod.pf.text, node), loc());
    switch (node.type) {
      case T.Literal: {
        const v = node.value;
        if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return lit(v, loc());
        return unknown();
      }
      case T.TemplateLiteral: {
        const parts: (string | { unknown: string })[] = [];
        node.quasis.forEach((q, i) => {
          parts.push(q.value.cooked ?? q.value.raw);
          const e = node.expressions[i];
          if (!e) return;
          const v = this.eval(e, ctx);
          const p = asTemplateParts(v) ?? [{ unknown: textOf(ctx.mod.pf.text, e) }];
          parts.push(...p);
        });
        return fromParts(parts, loc());
      }
      case T.Identifier: {
        if (node.name === 'undefined') return { k: 'undef', loc: loc() };
        const v = this.lookup(node.name, ctx, node);
        if (v) return v;
        return unknown();
      }
      case T.ThisExpression:
        return ctx.thisVal ?? unknown();
      case T.TSAsExpression:
      case T.TSNonNullExpression:
      case T.TSSatisfiesExpression:
      case T.TSTypeAssertion:
      case T.TSInstantiationExpression:
        return this.eval(node.expression, ctx);
      case T.ChainExpression:
        return this.eval(node.expression, ctx);
      case T.AwaitExpression:
        return this.eval(node.argument, ctx);
      case T.SequenceExpression: {
        let last: Val = unknown();
        for (const e of node.expressions) last = this.eval(e, ctx);
        return last;
      }
      case T.ArrayExpression: {
        const items: Val[] = [];
        for (const el of node.elements) {
          if (!el) continue;
          if (el.type === T.SpreadElement) {
            const v = this.eval(el.argument, ctx);
            if (v.k === 'arr') items.push(...v.items);
            else items.push(unk(`...${textOf(ctx.mod.pf.text, el.argument)}`, locOf(file, el)));
          } else items.push(this.eval(el, ctx));
        }
        return { k: 'arr', items, loc: loc() };
      }
      case T.ObjectExpression:
        return this.evalObject(node, ctx);
      case T.ArrowFunctionExpression:
      case T.FunctionExpression: {
        const fn: FnVal = { k: 'fn', node, scope: ctx.scope, mod: ctx.mod };
        if (node.type === T.ArrowFunctionExpression && ctx.thisVal) fn.thisVal = ctx.thisVal;
        return fn;
      }
      case T.ClassExpression:
        return { k: 'cls', cls: { kind: 'user', name: node.id?.name ?? 'anonymous', decl: node, mod: ctx.mod } };
      case T.ConditionalExpression: {
        const t = truthy(this.eval(node.test, ctx));
        if (t === true) return this.eval(node.consequent, ctx);
        if (t === false) return this.eval(node.alternate, ctx);
        const a = this.eval(node.consequent, ctx);
        const b = this.eval(node.alternate, ctx);
        return sameLiteral(a, b) ? a : unknown();
      }
      case T.LogicalExpression: {
        const left = this.eval(node.left, ctx);
        if (node.operator === '??') {
          if (left.k === 'undef' || (left.k === 'lit' && left.v === null)) return this.eval(node.right, ctx);
          if (left.k === 'unk') {
            const right = this.eval(node.right, ctx);
            return sameLiteral(left, right) ? left : unknown();
          }
          return left;
        }
        const t = truthy(left);
        if (node.operator === '||') {
          if (t === true) return left;
          if (t === false) return this.eval(node.right, ctx);
        } else {
          if (t === false) return left;
          if (t === true) return this.eval(node.right, ctx);
        }
        this.eval(node.right, ctx);
        return unknown();
      }
      case T.BinaryExpression:
        return this.evalBinary(node, ctx, unknown);
      case T.UnaryExpression: {
        const v = this.eval(node.argument, ctx);
        if (node.operator === '!') {
          const t = truthy(v);
          return t === undefined ? unknown() : lit(!t, loc());
        }
        if (node.operator === '-' && v.k === 'lit' && typeof v.v === 'number') return lit(-v.v, loc());
        if (node.operator === 'void') return { k: 'undef', loc: loc() };
        return unknown();
      }
      case T.MemberExpression:
        return this.member(this.eval(node.object, ctx), memberName(node, this, ctx), node, ctx);
      case T.CallExpression:
        return this.evalCall(node, ctx);
      case T.NewExpression:
        return this.evalNew(node, ctx);
      case T.AssignmentExpression: {
        const right = this.eval(node.right, ctx);
        const value = node.operator === '=' ? right : node.operator === '??=' || node.operator === '||=' ? right : unknown();
        if (node.left.type === T.Identifier) this.assign(node.left.name, value, ctx);
        else if (node.left.type === T.MemberExpression) {
          const target = this.eval(node.left.object, ctx);
          const name = memberName(node.left, this, ctx);
          if (name !== undefined) setMember(target, name, value, locOf(file, node.left.property));
        }
        return value;
      }
      case T.UpdateExpression:
        return unknown();
      case T.TaggedTemplateExpression:
        return unknown();
      default:
        return unknown();
    }
  }

  private evalObject(node: TSESTree.ObjectExpression, ctx: Ctx): Obj {
    const file = ctx.mod.rel;
    const out: Obj = { k: 'obj', props: [], loc: locOf(file, node) };
    for (const p of node.properties) {
      if (p.type === T.SpreadElement) {
        const v = this.eval(p.argument, ctx);
        if (v.k === 'obj') {
          out.props.push(...v.props);
          if (v.open) out.open = true;
        } else if (v.k !== 'undef') out.open = true;
        continue;
      }
      if (p.kind !== 'init') continue;
      let key: string | undefined;
      if (p.computed) {
        const k = this.eval(p.key, ctx);
        key = k.k === 'lit' && k.v !== null ? String(k.v) : undefined;
        if (key === undefined) {
          // A key the linter cannot read: the object may hold any key.
          out.open = true;
          this.eval(p.value as Node, ctx);
          continue;
        }
      } else key = p.key.type === T.Identifier ? p.key.name : p.key.type === T.Literal ? String(p.key.value) : undefined;
      if (key === undefined) continue;
      const value = this.eval(p.value as Node, ctx);
      // A value written elsewhere (`{ actions }` with actions passed in) is located where it is written, key included.
      const at = locOfVal(value, locOf(file, p.key));
      const inside = at.file === file && contains(locOf(file, p), at);
      out.props.push({ key, keyLoc: inside || value.k === 'inst' || value.k === 'undef' ? locOf(file, p.key) : at, value });
    }
    return out;
  }

  private evalBinary(node: TSESTree.BinaryExpression, ctx: Ctx, unknown: () => Val): Val {
    if (node.left.type === T.PrivateIdentifier) return unknown();
    const a = this.eval(node.left, ctx);
    const b = this.eval(node.right, ctx);
    const loc = locOf(ctx.mod.rel, node);
    switch (node.operator) {
      case '+': {
        if (a.k === 'lit' && b.k === 'lit' && typeof a.v === 'number' && typeof b.v === 'number') return lit(a.v + b.v, loc);
        const pa = asTemplateParts(a);
        const pb = asTemplateParts(b);
        if (pa && pb && (a.k !== 'lit' || typeof a.v === 'string' || b.k !== 'lit' || typeof b.v === 'string')) return fromParts([...pa, ...pb], loc);
        return unknown();
      }
      case '===':
      case '==':
      case '!==':
      case '!=': {
        const eq = looseEquals(a, b);
        if (eq === undefined) return unknown();
        return lit(node.operator.startsWith('!') ? !eq : eq, loc);
      }
      default:
        return unknown();
    }
  }

  // ---- members ---------------------------------------------------------------------------------------------

  /** `obj.name` (or `obj[name]` with a known key). */
  member(obj: Val, name: string | undefined, node: Node, ctx: Ctx): Val {
    const loc = locOf(ctx.mod.rel, node);
    const text = textOf(ctx.mod.pf.text, node);
    if (name === undefined) return unk(text, loc);
    switch (obj.k) {
      case 'obj': {
        const p = [...obj.props].reverse().find((x) => x.key === name);
        if (p) return p.value;
        return obj.open ? unk(text, loc) : { k: 'undef', loc };
      }
      case 'arr':
        if (name === 'length') return lit(obj.items.length, loc);
        if (/^\d+$/.test(name)) return obj.items[Number(name)] ?? { k: 'undef', loc };
        return unk(text, loc);
      case 'lit':
        if (name === 'length' && typeof obj.v === 'string') return lit(obj.v.length, loc);
        return unk(text, loc);
      case 'ns':
        if (obj.mod) return this.exported(obj.mod.rel, name, loc);
        if (obj.module === 'core' && name.startsWith('aws_')) return this.libExport('core', name);
        return this.lib.nsMember(obj.module, name, loc, text);
      case 'cls': {
        if (obj.cls.kind === 'lib') return this.lib.constant(obj.cls, name, loc, text);
        const found = this.findMember(obj.cls, name, true);
        const sm = found?.m;
        if (found && sm?.type === T.PropertyDefinition) return sm.value ? this.eval(sm.value, { scope: this.moduleOf(found.cls).scope, mod: this.moduleOf(found.cls), thisVal: obj }) : unk(text, loc);
        if (found && sm?.type === T.MethodDefinition) return this.method(sm, found.cls, obj);
        return unk(text, loc);
      }
      case 'inst': {
        const thing = obj.o;
        const field = thing.fields.get(name);
        if (field) return field;
        if (thing.cls.kind === 'user') {
          const found = this.findMember(thing.cls, name, false);
          const m = found?.m;
          if (found && m?.type === T.MethodDefinition && m.kind === 'get') return this.invoke(this.method(m, found.cls), [], obj, node);
          if (found && m?.type === T.MethodDefinition) return this.method(m, found.cls, obj);
        }
        return this.lib.member(thing, name, loc, text);
      }
      case 'unk':
        return unk(text, loc);
      default:
        return unk(text, loc);
    }
  }

  private moduleOf(cls: UserClass): Module {
    return (this.modules.get(cls.mod.rel) as Module | undefined) ?? new Module(cls.mod.rel, { rel: cls.mod.rel, text: '' });
  }

  /** A method as a function value of the current run (its module's scope), optionally bound to `thisVal`. */
  private method(m: TSESTree.MethodDefinition, cls: UserClass, thisVal?: Val): FnVal {
    const mod = this.moduleOf(cls);
    const fn: FnVal = { k: 'fn', node: m.value as FunctionNode, scope: mod.scope, mod, owner: cls };
    if (thisVal) fn.thisVal = thisVal;
    return fn;
  }

  /** A class member by name, searched up the app's own class chain. */
  private findMember(
    cls: UserClass,
    name: string,
    isStatic: boolean,
  ): { m: TSESTree.MethodDefinition | TSESTree.PropertyDefinition; cls: UserClass } | undefined {
    for (let c: ClassRef | undefined = cls, i = 0; c?.kind === 'user' && i < 20; c = this.superOf(c), i++) {
      for (const m of c.decl.body.body) {
        if ((m.type !== T.MethodDefinition && m.type !== T.PropertyDefinition) || m.static !== isStatic || m.computed) continue;
        const key = m.key.type === T.Identifier ? m.key.name : m.key.type === T.Literal ? String(m.key.value) : undefined;
        if (key === name && !(m.type === T.MethodDefinition && m.kind === 'constructor')) return { m, cls: c };
      }
    }
    return undefined;
  }

  /** The class a class extends (evaluated in its module). */
  superOf(cls: UserClass): ClassRef | undefined {
    const sc = cls.decl.superClass;
    if (!sc) return undefined;
    const mod = this.module(cls.mod.rel);
    if (!mod) return undefined;
    const v = this.eval(sc, { scope: mod.scope, mod });
    return v.k === 'cls' ? v.cls : undefined;
  }

  /** The first library class up the chain (`core.Stack`, `constructs.Construct`, `aws-iam.Role`). */
  baseLib(cls: ClassRef): ClassRef | undefined {
    let c: ClassRef | undefined = cls;
    for (let i = 0; c?.kind === 'user' && i < 20; i++) c = this.superOf(c);
    return c;
  }

  private isConstructClass(cls: UserClass): boolean {
    const base = this.baseLib(cls);
    return !!base && base.kind === 'lib' && this.lib.isConstructBase(base);
  }

  // ---- calls -----------------------------------------------------------------------------------------------

  private args(nodes: readonly TSESTree.CallExpressionArgument[], ctx: Ctx): Val[] {
    const out: Val[] = [];
    for (const a of nodes) {
      if (a.type === T.SpreadElement) {
        const v = this.eval(a.argument, ctx);
        if (v.k === 'arr') out.push(...v.items);
        else out.push(unk(`...${textOf(ctx.mod.pf.text, a.argument)}`, locOf(ctx.mod.rel, a)));
      } else out.push(this.eval(a, ctx));
    }
    return out;
  }

  private evalCall(node: TSESTree.CallExpression, ctx: Ctx): Val {
    const file = ctx.mod.rel;
    const loc = locOf(file, node);
    const unknown = (): Val => unk(textOf(ctx.mod.pf.text, node), loc);
    if (node.callee.type === T.Super) {
      const args = this.args(node.arguments, ctx);
      ctx.onSuper?.(args, node);
      return { k: 'undef', loc };
    }
    if (node.callee.type === T.MemberExpression) {
      const calleeNode = node.callee;
      const name = memberName(calleeNode, this, ctx);
      if (calleeNode.object.type === T.Super) {
        // super.method(...): the parent class's method with this `this`.
        const parent = ctx.cls ? this.superOf(ctx.cls) : undefined;
        const args = this.args(node.arguments, ctx);
        if (parent?.kind === 'user' && name) {
          const found = this.findMember(parent, name, false);
          if (found?.m.type === T.MethodDefinition) return this.invoke(this.method(found.m, found.cls), args, ctx.thisVal, node);
        }
        if (ctx.thisVal?.k === 'inst' && name) return this.lib.call(ctx.thisVal.o, name, args, node, ctx) ?? unknown();
        return unknown();
      }
      const obj = this.eval(calleeNode.object, ctx);
      const args = this.args(node.arguments, ctx);
      if (name === undefined) return unknown();
      return this.callMethod(obj, name, args, node, ctx) ?? unknown();
    }
    const callee = this.eval(node.callee, ctx);
    const args = this.args(node.arguments, ctx);
    if (callee.k === 'fn') return this.invoke(callee, args, undefined, node);
    return unknown();
  }

  /** `obj.name(args)`. Undefined when nothing is known about the call (its arguments were evaluated). */
  private callMethod(obj: Val, name: string, args: Val[], node: TSESTree.CallExpression, ctx: Ctx): Val | undefined {
    const loc = locOf(ctx.mod.rel, node);
    switch (obj.k) {
      case 'inst': {
        const thing = obj.o;
        const field = thing.fields.get(name);
        if (field?.k === 'fn') return this.invoke(field, args, obj, node);
        if (thing.cls.kind === 'user') {
          const found = this.findMember(thing.cls, name, false);
          const m = found?.m;
          if (found && m?.type === T.MethodDefinition) return this.invoke(this.method(m, found.cls), args, obj, node);
          if (m?.type === T.PropertyDefinition && m.value) {
            const v = this.member(obj, name, node, ctx);
            if (v.k === 'fn') return this.invoke(v, args, obj, node);
          }
        }
        return this.lib.call(thing, name, args, node, ctx);
      }
      case 'cls': {
        if (obj.cls.kind === 'lib') return this.lib.callStatic(obj.cls, name, args, node, ctx);
        const found = this.findMember(obj.cls, name, true);
        if (found?.m.type === T.MethodDefinition) return this.invoke(this.method(found.m, found.cls), args, obj, node);
        return undefined;
      }
      case 'ns': {
        const fn = this.member(obj, name, node.callee, ctx);
        if (fn.k === 'fn') return this.invoke(fn, args, undefined, node);
        return undefined;
      }
      case 'arr':
        return this.arrayMethod(obj, name, args, node, ctx);
      case 'lit':
        if (typeof obj.v === 'string') {
          if (name === 'toLowerCase') return lit(obj.v.toLowerCase(), loc);
          if (name === 'toUpperCase') return lit(obj.v.toUpperCase(), loc);
          if (name === 'trim') return lit(obj.v.trim(), loc);
          if (name === 'toString') return obj;
        }
        return undefined;
      case 'fn':
        if (name === 'call') return this.invoke(obj, args.slice(1), args[0], node);
        if (name === 'apply') return this.invoke(obj, args[1]?.k === 'arr' ? args[1].items : [], args[0], node);
        return undefined;
      case 'obj':
      case 'unk': {
        // Functions passed in an object (`props.configure(role)`): call when known; else unknown.
        if (obj.k === 'obj') {
          const f = prop(obj, name);
          if (f?.k === 'fn') return this.invoke(f, args, obj, node);
        }
        // A grant on a resource the linter cannot see (`props.bucket.grantRead(fn)`): still a grant to the grantee.
        if (obj.k === 'unk' && /^grant[A-Z]/.test(name)) return this.lib.grantOnUnknown(name, args, node, ctx);
        // Statements added to a role or resource the linter cannot see (`props.role.addToPolicy(...)`) are still linted.
        if (obj.k === 'unk' && node.callee.type === T.MemberExpression) {
          const r = this.lib.statementOnUnknown(name, textOf(ctx.mod.pf.text, node.callee.object, 60), args, node, ctx);
          if (r) return r;
        }
        // A global helper with a known result shape.
        const callee = node.callee.type === T.MemberExpression && node.callee.object.type === T.Identifier ? node.callee.object.name : undefined;
        if (callee === 'Object' && (name === 'assign') && args[0]?.k === 'obj') {
          const target = args[0];
          for (const a of args.slice(1)) if (a.k === 'obj') target.props.push(...a.props);
          return target;
        }
        return undefined;
      }
      default:
        return undefined;
    }
  }

  private arrayMethod(arr: Arr, name: string, args: Val[], node: TSESTree.CallExpression, ctx: Ctx): Val | undefined {
    const loc = locOf(ctx.mod.rel, node);
    const fn = args[0]?.k === 'fn' ? args[0] : undefined;
    switch (name) {
      case 'map':
      case 'flatMap': {
        if (!fn) return undefined;
        const items: Val[] = [];
        arr.items.forEach((item, i) => {
          const r = this.invoke(fn, [item, lit(i, item.k === 'inst' ? item.o.loc : locOfVal(item, loc)), arr], undefined, node);
          if (name === 'flatMap' && r.k === 'arr') items.push(...r.items);
          else items.push(r);
        });
        return { k: 'arr', items, loc };
      }
      case 'forEach':
        if (fn) arr.items.forEach((item, i) => this.invoke(fn, [item, lit(i, loc), arr], undefined, node));
        return { k: 'undef', loc };
      case 'filter': {
        if (!fn) return undefined;
        const items = arr.items.filter((item, i) => truthy(this.invoke(fn, [item, lit(i, loc), arr], undefined, node)) !== false);
        return { k: 'arr', items, loc };
      }
      case 'concat': {
        const items = [...arr.items];
        for (const a of args) {
          if (a.k === 'arr') items.push(...a.items);
          else items.push(a);
        }
        return { k: 'arr', items, loc };
      }
      case 'push':
        arr.items.push(...args);
        return lit(arr.items.length, loc);
      case 'slice':
        return { k: 'arr', items: arr.items.slice(numberOf(args[0]) ?? 0, numberOf(args[1])), loc };
      case 'join': {
        const sep = args[0] ? str(args[0]) : ',';
        if (sep === undefined) return undefined;
        const parts: (string | { unknown: string })[] = [];
        for (const [i, item] of arr.items.entries()) {
          const p = asTemplateParts(item);
          if (!p) return undefined;
          if (i) parts.push(sep);
          parts.push(...p);
        }
        return fromParts(parts, loc);
      }
      case 'includes': {
        const x = args[0];
        if (!x) return undefined;
        let unknownSeen = false;
        for (const item of arr.items) {
          const eq = looseEquals(item, x);
          if (eq === true) return lit(true, loc);
          if (eq === undefined) unknownSeen = true;
        }
        return unknownSeen ? undefined : lit(false, loc);
      }
      default:
        return undefined;
    }
  }

  /** Calls a function of the app with arguments; parameters bind to them (defaults and destructuring included). */
  invoke(fn: FnVal, args: Val[], thisVal: Val | undefined, at: Node, onSuper?: Ctx['onSuper']): Val {
    const node = fn.node;
    const mod = this.modules.get(fn.mod.rel);
    const callLoc = mod ? locOf(mod.rel, at) : { file: fn.mod.rel, line: 1, column: 1, endLine: 1, endColumn: 1 };
    if (!mod || node.type === T.TSDeclareFunction || !node.body) return unk('call', callLoc);
    const depthOnStack = this.callStack.filter((n) => n === node).length;
    if (this.depth >= MAX_DEPTH || depthOnStack >= 3) return unk(textOf(mod.pf.text, node, 40), callLoc);
    this.depth++;
    this.callStack.push(node);
    try {
      const scope = new Scope(fn.scope as Scope);
      const self = node.type === T.ArrowFunctionExpression ? fn.thisVal : (thisVal ?? fn.thisVal);
      const ctx: Ctx = { scope, mod, ...(self ? { thisVal: self } : {}), ...(onSuper ? { onSuper } : {}), ...(fn.owner?.kind === 'user' ? { cls: fn.owner } : {}) };
      node.params.forEach((p, i) => {
        if (p.type === T.RestElement) {
          for (const [name, get] of patternBindings(p.argument, () => ({ k: 'arr', items: args.slice(i), loc: locOf(mod.rel, p) }), this, ctx)) scope.declare(name, get());
          return;
        }
        if (p.type === T.TSParameterProperty) {
          const inner = p.parameter;
          const target = inner.type === T.AssignmentPattern ? inner.left : inner;
          let v: Val = args[i] ?? { k: 'undef', loc: locOf(mod.rel, p) };
          if (inner.type === T.AssignmentPattern && v.k === 'undef') v = this.eval(inner.right, ctx);
          if (target.type === T.Identifier) {
            scope.declare(target.name, v);
            if (self?.k === 'inst') self.o.fields.set(target.name, v);
          }
          return;
        }
        let v: Val = args[i] ?? { k: 'undef', loc: locOf(mod.rel, p) };
        let target: Node = p;
        if (p.type === T.AssignmentPattern) {
          if (v.k === 'undef') v = this.eval(p.right, ctx);
          target = p.left;
        }
        for (const [name, get] of patternBindings(target, () => v, this, ctx)) scope.declare(name, get());
      });
      if (node.body.type === T.BlockStatement) {
        const c = this.execBlock(node.body.body, ctx);
        return c?.type === 'return' ? c.val : { k: 'undef', loc: callLoc };
      }
      return this.eval(node.body, ctx);
    } finally {
      this.depth--;
      this.callStack.pop();
    }
  }

  // ---- construction ----------------------------------------------------------------------------------------

  private evalNew(node: TSESTree.NewExpression, ctx: Ctx): Val {
    const callee = this.eval(node.callee, ctx);
    const args = this.args(node.arguments, ctx);
    if (callee.k === 'cls') {
      if (callee.cls.kind === 'lib') return this.lib.construct(callee.cls, args, node, ctx);
      return this.instantiate(callee.cls, args, node, ctx);
    }
    // An unknown class: still a construct when called as (scope, id), so paths below it stay right.
    if (looksLikeConstructCall(args)) {
      const n = this.createNode(args[0], args[1], node, ctx, 'construct');
      if (n) {
        const thing = new Thing({ kind: 'lib', module: '?', name: textOf(ctx.mod.pf.text, node.callee) }, locOf(ctx.mod.rel, node), n);
        n.thing = thing;
        return { k: 'inst', o: thing };
      }
    }
    return unk(textOf(ctx.mod.pf.text, node), locOf(ctx.mod.rel, node));
  }

  /** `new AppClass(scope, 'Id', props)`: a construct node, then the class's constructor chain with `this` bound. */
  private instantiate(cls: UserClass, args: Val[], node: TSESTree.NewExpression, ctx: Ctx): Val {
    this.instantiated.add(cls.decl);
    const base = this.baseLib(cls);
    let cnode: CNode | undefined;
    if (base?.kind === 'lib' && this.lib.isConstructBase(base)) {
      cnode = base.module === 'core' && base.name === 'App' ? this.createApp(node, ctx) : this.createNode(args[0], args[1], node, ctx, kindOfBase(base));
    }
    const thing = new Thing(cls, locOf(ctx.mod.rel, node), cnode);
    if (cnode) cnode.thing = thing;
    this.runConstructor(cls, thing, args, { node, mod: ctx.mod });
    return { k: 'inst', o: thing };
  }

  /** Runs a class's constructor (and its parents' through `super(...)`), with field initializers in order. */
  private runConstructor(cls: UserClass, thing: Thing, args: Val[], at: { node: Node; mod: ModuleRef }): void {
    const mod = this.module(cls.mod.rel);
    if (!mod) return;
    const self: Val = { k: 'inst', o: thing };
    const parent = this.superOf(cls);
    const initFields = (): void => {
      for (const m of cls.decl.body.body) {
        if (m.type !== T.PropertyDefinition || m.static || m.computed || !m.value) continue;
        const key = m.key.type === T.Identifier ? m.key.name : m.key.type === T.Literal ? String(m.key.value) : undefined;
        if (key) thing.fields.set(key, this.eval(m.value, { scope: mod.scope, mod, thisVal: self, cls }));
      }
    };
    const runParent = (superArgs: Val[], superAt: { node: Node; mod: ModuleRef }): void => {
      if (parent?.kind === 'user') this.runConstructor(parent, thing, superArgs, superAt);
      else if (parent?.kind === 'lib' && thing.node && (superAt.node.type === T.NewExpression || superAt.node.type === T.CallExpression)) this.lib.initBase(parent, thing, superArgs, superAt.node, superAt.mod);
      initFields();
    };
    const ctor = cls.decl.body.body.find((m): m is TSESTree.MethodDefinition => m.type === T.MethodDefinition && m.kind === 'constructor');
    if (!ctor) {
      runParent(args, at);
      return;
    }
    let superCalled = false;
    this.invoke({ k: 'fn', node: ctor.value as FunctionNode, scope: mod.scope, mod, owner: cls }, args, self, at.node, (superArgs, superNode) => {
      if (superCalled) return;
      superCalled = true;
      runParent(superArgs, { node: superNode, mod });
    });
    if (!superCalled) initFields();
  }

  private createApp(node: Node, ctx: Ctx): CNode {
    const loc = locOf(ctx.mod.rel, node);
    const app = new CNode('', undefined, 'app', loc, loc);
    this.nodes.push(app);
    return app;
  }

  /**
   * A construct node for `new X(scope, id, ...)`: under the scope's node (or under a placeholder root when the
   * scope is unknown), with the id as written (`${...}` where it cannot be read).
   */
  createNode(scopeVal: Val | undefined, idVal: Val | undefined, node: TSESTree.NewExpression | TSESTree.CallExpression, ctx: { mod: ModuleRef }, kind: CNode['kind']): CNode | undefined {
    const mod = this.modules.get(ctx.mod.rel);
    const file = ctx.mod.rel;
    const text = mod?.pf.text ?? '';
    const idNode = node.arguments[1];
    const id = idText(idVal, idNode ? textOf(text, idNode, 60) : 'id');
    let parent: CNode | undefined = scopeVal?.k === 'inst' ? scopeVal.o.node : undefined;
    if (!parent) {
      const scopeNode = node.arguments[0];
      parent = this.orphan(scopeNode ? textOf(text, scopeNode, 40) : 'scope', locOf(file, node));
    }
    const last = node.arguments[1] ?? node.arguments[0];
    const start = node.loc.start;
    const end = last ? last.loc.end : node.callee.loc.end;
    const head: Location = { file, line: start.line, column: start.column + 1, endLine: end.line, endColumn: end.column + 1 };
    const c = new CNode(id, parent, kind, locOf(file, node), head);
    this.nodes.push(c);
    return c;
  }

  /** The placeholder root for constructs under a scope the linter cannot see (`${props.scope}`). */
  orphan(name: string, loc: Location): CNode {
    const key = `\${${name}}`;
    let root = this.orphanRoots.get(key);
    if (!root) {
      root = new CNode(key.replace(/\//g, '--'), undefined, 'construct', loc, loc);
      this.orphanRoots.set(key, root);
    }
    return root;
  }

  /** A child construct that a library class creates implicitly (a role's `DefaultPolicy`, a bucket's `Policy`). */
  implicitNode(parent: CNode, id: string, loc: Location): CNode {
    const existing = parent.children.get(id);
    if (existing) return existing;
    const c = new CNode(id, parent, 'construct', loc, loc);
    this.nodes.push(c);
    return c;
  }

  /** A value as located JSON (policy documents written as object literals, L1 properties). */
  located(v: Val): Located {
    return located(v, locOfVal(v, { file: '', line: 1, column: 1, endLine: 1, endColumn: 1 }));
  }

  /** Source text of a node in a module. */
  text(ctx: { mod: ModuleRef }, node: Node, max?: number): string {
    const mod = this.modules.get(ctx.mod.rel);
    return mod ? textOf(mod.pf.text, node, max) : '';
  }
}

// ---- small helpers -------------------------------------------------------------------------------------------

/** Whether span `inner` lies within span `outer` (same file). */
function contains(outer: Location, inner: Location): boolean {
  const before = (l1: number, c1: number, l2: number, c2: number): boolean => l1 < l2 || (l1 === l2 && c1 <= c2);
  return before(outer.line, outer.column, inner.line, inner.column) && before(inner.endLine, inner.endColumn, outer.endLine, outer.endColumn);
}

function kindOfBase(base: ClassRef | undefined): CNode['kind'] {
  if (base?.kind !== 'lib' || base.module !== 'core') return 'construct';
  if (base.name === 'Stack' || base.name === 'NestedStack') return 'stack';
  if (base.name === 'Stage') return 'stage';
  if (base.name === 'App') return 'app';
  return 'construct';
}

/** A construct id as written; unknown parts as `${...}`. A `/` cannot be in an id (CDK writes `--`). */
function idText(v: Val | undefined, written: string): string {
  let id = `\${${written}}`;
  if (v?.k === 'lit' && v.v !== null) id = String(v.v);
  else if (v) {
    const parts = asTemplateParts(v);
    if (parts) id = parts.map((p) => (typeof p === 'string' ? p : `\${${p.unknown}}`)).join('');
  }
  return id.replace(/\//g, '--');
}

function looksLikeConstructCall(args: Val[]): boolean {
  const [scope, id] = args;
  return scope?.k === 'inst' && !!scope.o.node && !!id && (id.k === 'lit' || id.k === 'tpl' || id.k === 'unk');
}

function memberName(node: TSESTree.MemberExpression, interp: Interp, ctx: Ctx): string | undefined {
  if (!node.computed) return node.property.type === T.Identifier ? node.property.name : node.property.type === T.PrivateIdentifier ? `#${node.property.name}` : undefined;
  const k = interp.eval(node.property, ctx);
  return k.k === 'lit' && k.v !== null ? String(k.v) : undefined;
}

function setMember(target: Val, name: string, value: Val, keyLoc: Location): void {
  if (target.k === 'inst') target.o.fields.set(name, value);
  else if (target.k === 'obj') target.props.push({ key: name, keyLoc, value });
  else if (target.k === 'arr' && /^\d+$/.test(name)) target.items[Number(name)] = value;
}

function numberOf(v: Val | undefined): number | undefined {
  return v?.k === 'lit' && typeof v.v === 'number' ? v.v : undefined;
}

/** JavaScript truthiness when the value is known. */
export function truthy(v: Val): boolean | undefined {
  switch (v.k) {
    case 'lit':
      return !!v.v;
    case 'undef':
      return false;
    case 'tpl':
      return v.parts.some((p) => typeof p === 'string' && p !== '') ? true : undefined;
    case 'arr':
    case 'obj':
    case 'inst':
    case 'cls':
    case 'fn':
    case 'ns':
      return true;
    default:
      return undefined;
  }
}

function looseEquals(a: Val, b: Val): boolean | undefined {
  const known = (v: Val): v is Extract<Val, { k: 'lit' | 'undef' }> => v.k === 'lit' || v.k === 'undef';
  if (known(a) && known(b)) {
    const av = a.k === 'undef' ? undefined : a.v;
    const bv = b.k === 'undef' ? undefined : b.v;
    return av === bv;
  }
  if (a.k === 'inst' && b.k === 'inst') return a.o === b.o;
  return undefined;
}

function sameLiteral(a: Val, b: Val): boolean {
  return a.k === 'lit' && b.k === 'lit' && a.v === b.v;
}

function declaredNames(d: Node): string[] {
  switch (d.type) {
    case T.VariableDeclaration:
      return d.declarations.flatMap((x) => patternNames(x.id));
    case T.FunctionDeclaration:
    case T.TSDeclareFunction:
    case T.ClassDeclaration:
      return d.id ? [d.id.name] : [];
    case T.TSEnumDeclaration:
      return [d.id.name];
    default:
      return [];
  }
}

function patternNames(p: Node): string[] {
  switch (p.type) {
    case T.Identifier:
      return [p.name];
    case T.ObjectPattern:
      return p.properties.flatMap((x) => (x.type === T.RestElement ? patternNames(x.argument) : patternNames(x.value)));
    case T.ArrayPattern:
      return p.elements.flatMap((x) => (x ? patternNames(x) : []));
    case T.AssignmentPattern:
      return patternNames(p.left);
    case T.RestElement:
      return patternNames(p.argument);
    default:
      return [];
  }
}

/** The names a binding pattern declares, each with a getter of its value (destructuring object and array values). */
function patternBindings(p: Node, value: () => Val, interp: Interp, ctx: Ctx): [string, () => Val][] {
  switch (p.type) {
    case T.Identifier:
      return [[p.name, value]];
    case T.AssignmentPattern:
      return patternBindings(
        p.left,
        () => {
          const v = value();
          return v.k === 'undef' ? interp.eval(p.right, ctx) : v;
        },
        interp,
        ctx,
      );
    case T.ObjectPattern: {
      const out: [string, () => Val][] = [];
      for (const x of p.properties) {
        if (x.type === T.RestElement) {
          out.push(...patternBindings(x.argument, () => unk('...rest', interp.loc(ctx, x)), interp, ctx));
          continue;
        }
        const key = x.computed ? undefined : x.key.type === T.Identifier ? x.key.name : x.key.type === T.Literal ? String(x.key.value) : undefined;
        out.push(
          ...patternBindings(
            x.value,
            () => {
              const v = value();
              if (key === undefined) return unk(interp.text(ctx, x), interp.loc(ctx, x));
              if (v.k === 'obj') return prop(v, key) ?? (v.open ? unk(key, interp.loc(ctx, x)) : { k: 'undef', loc: interp.loc(ctx, x) });
              return interp.member(v, key, x, ctx);
            },
            interp,
            ctx,
          ),
        );
      }
      return out;
    }
    case T.ArrayPattern: {
      const out: [string, () => Val][] = [];
      p.elements.forEach((el, i) => {
        if (!el) return;
        if (el.type === T.RestElement) {
          out.push(
            ...patternBindings(
              el.argument,
              () => {
                const v = value();
                return v.k === 'arr' ? { k: 'arr', items: v.items.slice(i), loc: v.loc } : unk('...rest', interp.loc(ctx, el));
              },
              interp,
              ctx,
            ),
          );
          return;
        }
        out.push(
          ...patternBindings(
            el,
            () => {
              const v = value();
              return v.k === 'arr' ? (v.items[i] ?? { k: 'undef', loc: v.loc }) : unk(interp.text(ctx, el), interp.loc(ctx, el));
            },
            interp,
            ctx,
          ),
        );
      });
      return out;
    }
    default:
      return [];
  }
}
