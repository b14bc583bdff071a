/**
 * One deployment unit: a root module folder with the modules it calls, evaluated and lowered to the model.
 * Module folders are loaded from the unit's files, else from disk inside the linted tree, else from
 * `.terraform/modules/modules.json` for modules `terraform init` downloaded; anything else stays unknown.
 */
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, posix, relative, resolve, sep } from 'node:path';

import { buildPolicyDocument } from '../../src/model/build-policy.js';
import type { Located, LocatedObject, TemplatePart } from '../../src/model/located.js';
import type { Location } from '../../src/model/location.js';
import { emptyModel, type IamModel } from '../../src/model/model.js';
import type { PolicyDocument, PolicyKind } from '../../src/model/policy.js';
import { findIdentity } from '../../src/model/relations.js';
import type { ResourceRef } from '../../src/model/resource-ref.js';
import type { Scalar } from '../../src/model/scalar.js';
import type { SourceFile } from '../../src/engine/source.js';
import { attrOf, fileCtx, type Block, type ConfigFile, type Expr, type FileCtx, type SyntaxProblem } from './ast.js';
import { buildModuleConfig, type ModuleConfig } from './config.js';
import { readByTerraform } from './group.js';
import { BudgetExceeded, Evaluator, ModInst, type EvalHost, type Scope } from './eval.js';
import { loadHcl, parseHcl, parseTemplateText, type HclRuntime, type ReadOptions } from './hcl.js';
import { isPolicyDocumentRef, lowerPolicyDocument } from './policy-document.js';
import { resourceHandler, secretRefs, type ResCtx, type UnitApi } from './resources.js';
import { parseTfJson } from './tf-json.js';
import { parseJsonInString, strText, strVal, toLocated, type StrPart, type UnkVal, type Val } from './values.js';

export const MAX_FILE_BYTES = 32 * 1024 * 1024;
const MAX_READ_BYTES = 8 * 1024 * 1024;

/** What `group` decided for a unit. */
export interface UnitPlan {
  /** The root module folder (absolute). */
  rootDir: string;
  files: SourceFile[];
  /** Files are read only inside this folder (absolute). */
  boundary: string;
  /** Values the user supplied: `-var-file` files (absolute paths) and `-var` values, applied after the automatic files. */
  inputs?: TerraformInputs;
}

export interface TerraformInputs {
  varFiles: string[];
  vars: Record<string, unknown>;
}

const isConfig = (rel: string): boolean => rel.endsWith('.tf') || rel.endsWith('.tf.json');
export const isTfvars = (rel: string): boolean => rel.endsWith('.tfvars') || rel.endsWith('.tfvars.json');
const toPosix = (p: string): string => (sep === '/' ? p : p.split(sep).join('/'));

/** Resources and data sources iamlint has no use for are read as headers only (plus `user_data`, a text value). */
const READ: ReadOptions = {
  wanted: (type, labels) => (type === 'resource' ? !!resourceHandler(labels[0] ?? '') : type === 'data' ? labels[0] === 'aws_iam_policy_document' : true),
  keepAttrs: new Set(['user_data']),
};

/** Parsed linted files, shared by the units that include them; their problems are reported once. */
const parsedFiles = new WeakMap<SourceFile, ConfigFile>();
const reportedFiles = new WeakSet<SourceFile>();

interface DataDoc {
  address: string;
  block: Block;
  mod: ModInst;
  ref: ResourceRef;
  insts?: { key?: string | number; scope: Scope }[];
  lowered: Map<string, LocatedObject | null>;
  docs: Map<string, PolicyDocument>;
  lowering: boolean;
  consumed: boolean;
  asSource: boolean;
}

/** A value given on the command line or in the configuration, written as HCL (JSON-shaped values are HCL too). */
function hclLiteral(v: unknown): string {
  // `${` would start an interpolation in HCL; the value is literal text.
  return JSON.stringify(v ?? null)
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, () => '%%{');
}

export async function parseTerraformUnit(plan: UnitPlan): Promise<IamModel> {
  const rootRel = plan.files[0] ? relDir(plan.files[0], plan.rootDir) : '.';
  const model = emptyModel({ kind: 'terraform', id: rootRel, files: plan.files.map((f) => f.rel) });
  let parser: HclRuntime;
  try {
    parser = await loadHcl();
  } catch (e) {
    const f = plan.files[0];
    model.parseProblems.push({
      message: `could not load the HCL parser (${e instanceof Error ? e.message : String(e)})`,
      loc: { file: f ? f.rel : rootRel, line: 1, column: 1, endLine: 1, endColumn: 1 },
    });
    return model;
  }
  const unit = new Unit(plan, model, parser);
  unit.run();
  return model;
}

function relDir(ref: SourceFile, dir: string): string {
  const r = posix.normalize(posix.join(posix.dirname(ref.rel), toPosix(relative(dirname(ref.abs), dir))));
  return r === '' ? '.' : r;
}

export class Unit implements UnitApi, EvalHost {
  readonly ev: Evaluator;
  private readonly byDir = new Map<string, SourceFile[]>();
  private readonly folders = new Map<string, ModuleConfig | { message: string }>();
  private readonly diskFiles = new Map<string, FileCtx | { message: string }>();
  private readonly templates = new Map<string, Expr | undefined>();
  private readonly dataDocs = new Map<string, DataDoc>();
  private readonly seenText = new Set<string>();
  private readonly seenNotes = new Set<string>();
  private readonly ref: SourceFile | undefined;
  private boundaryReal: string | undefined;
  private modulesJson: Map<string, string> | null | undefined;
  /** The root module instance, once `run` has started. */
  root: ModInst | undefined;

  constructor(
    private readonly plan: UnitPlan,
    readonly model: IamModel,
    private readonly parser: HclRuntime | undefined,
  ) {
    this.ev = new Evaluator(this);
    this.ref = plan.files[0];
    for (const f of plan.files) {
      const d = dirname(f.abs);
      const list = this.byDir.get(d);
      if (list) list.push(f);
      else this.byDir.set(d, [f]);
    }
  }

  // ---- reporting -----------------------------------------------------------------------------------------

  problem(message: string, loc: Location, owner?: ResourceRef): void {
    const key = `P${message}@${loc.file}:${loc.line}:${loc.column}`;
    if (this.seenNotes.has(key)) return;
    this.seenNotes.add(key);
    this.model.parseProblems.push(owner ? { message, loc, owner } : { message, loc });
  }

  note(message: string, loc: Location): void {
    const key = `N${message}@${loc.file}:${loc.line}:${loc.column}`;
    if (this.seenNotes.has(key)) return;
    this.seenNotes.add(key);
    this.model.notes.push({ message, loc });
  }

  // ---- files ---------------------------------------------------------------------------------------------

  private relOf(abs: string): string {
    if (!this.ref) return toPosix(abs);
    return posix.normalize(posix.join(posix.dirname(this.ref.rel), toPosix(relative(dirname(this.ref.abs), abs))));
  }

  /** The real path of `abs` when it lies inside the linted tree, else undefined (also for unreadable paths). */
  private inside(abs: string): string | undefined {
    try {
      this.boundaryReal ??= realpathSync(this.plan.boundary);
      const real = realpathSync(abs);
      const rel = relative(this.boundaryReal, real);
      return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel)) ? real : undefined;
    } catch {
      return undefined;
    }
  }

  readFile(path: string, loc: Location): { ctx: FileCtx } | { message: string } {
    void loc;
    const abs = isAbsolute(path) ? path : resolve(this.plan.rootDir, path);
    const cached = this.diskFiles.get(abs);
    if (cached) return 'message' in cached ? cached : { ctx: cached };
    const result = this.readInside(abs, `file("${path}")`);
    this.diskFiles.set(abs, result);
    if (!('message' in result)) {
      readByTerraform.set(abs, result.text);
      if (!this.model.unit.files.includes(result.rel)) this.model.unit.files.push(result.rel);
    }
    return 'message' in result ? result : { ctx: result };
  }

  private readInside(abs: string, what: string): FileCtx | { message: string } {
    const linted = this.plan.files.find((f) => f.abs === abs);
    if (linted) return fileCtx(linted.rel, linted.abs, linted.text);
    let exists = true;
    try {
      statSync(abs);
    } catch (e) {
      exists = (e as NodeJS.ErrnoException).code === 'ELOOP';
    }
    if (!exists) return { message: `${what}: no such file in the linted tree` };
    const real = this.inside(abs);
    if (!real) return { message: `${what} is outside the linted tree (or a symbolic link loop): not read` };
    try {
      const st = statSync(real);
      if (!st.isFile()) return { message: `${what} is not a file` };
      if (st.size > MAX_READ_BYTES) return { message: `${what} is larger than ${MAX_READ_BYTES >> 20} MB: not read` };
      let text = readFileSync(real, 'utf8');
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      return fileCtx(this.relOf(abs), abs, text);
    } catch (e) {
      return { message: `${what} could not be read (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
    }
  }

  parseTemplate(ctx: FileCtx): Expr | undefined {
    if (this.templates.has(ctx.abs)) return this.templates.get(ctx.abs);
    if (!this.parser) return undefined;
    const { expr, problems } = parseTemplateText(this.parser, ctx);
    for (const p of problems) this.problem(`template ${p.message}`, p.loc);
    this.templates.set(ctx.abs, expr);
    return expr;
  }

  private parseFile(f: SourceFile, linted: boolean): ConfigFile {
    const cached = linted ? parsedFiles.get(f) : undefined;
    let cf = cached;
    if (!cf) {
      const ctx = fileCtx(f.rel, f.abs, f.text);
      if (f.text.length > MAX_FILE_BYTES) cf = { ctx, body: { attrs: [], blocks: [] }, problems: [{ message: `file larger than ${MAX_FILE_BYTES >> 20} MB: not parsed`, loc: ctx.loc(0, 0) }] };
      else if (f.text.includes('\u0000')) cf = { ctx, body: { attrs: [], blocks: [] }, problems: [{ message: 'binary content: not a Terraform file', loc: ctx.loc(0, 0) }] };
      else if (!this.parser) cf = { ctx, body: { attrs: [], blocks: [] }, problems: [] };
      else cf = f.rel.endsWith('.json') ? parseTfJson(this.parser, ctx) : parseHcl(this.parser, ctx, isTfvars(f.rel) ? undefined : READ);
      if (linted) parsedFiles.set(f, cf);
    }
    if (!linted || !reportedFiles.has(f)) {
      if (linted) reportedFiles.add(f);
      for (const p of cf.problems) this.problem(p.message, p.loc);
    }
    return cf;
  }

  /** A module folder's configuration, from the unit's files or from disk. */
  private folder(dir: string): ModuleConfig | { message: string } {
    const cached = this.folders.get(dir);
    if (cached) return cached;
    let files: { f: SourceFile; linted: boolean }[] = (this.byDir.get(dir) ?? []).filter((f) => isConfig(f.rel)).map((f) => ({ f, linted: true }));
    if (files.length === 0) {
      let names: string[];
      try {
        names = readdirSync(dir).filter((n) => isConfig(n)).sort();
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        const r: { message: string } = { message: code === 'ELOOP' ? 'a symbolic link loop' : code === 'ENOTDIR' ? 'not a folder' : 'no such folder' };
        this.folders.set(dir, r);
        return r;
      }
      files = [];
      for (const n of names) {
        const ctx = this.readInside(join(dir, n), `"${n}"`);
        if ('message' in ctx) continue;
        files.push({ f: { abs: ctx.abs, rel: ctx.rel, text: ctx.text }, linted: false });
        if (!this.model.unit.files.includes(ctx.rel)) this.model.unit.files.push(ctx.rel);
      }
      if (files.length === 0) {
        const r = { message: 'no .tf files there' };
        this.folders.set(dir, r);
        return r;
      }
    }
    const cfg = buildModuleConfig(dir, files.map(({ f, linted }) => this.parseFile(f, linted)));
    for (const p of cfg.problems) this.problem(p.message, p.loc);
    this.folders.set(dir, cfg);
    return cfg;
  }

  loadModule(parent: ModInst, call: Block, source: string | undefined): { cfg: ModuleConfig; pathModule: string } | { message: string; problem: boolean } {
    const name = call.labels[0] ?? '';
    if (source === undefined) {
      const has = !!attrOf(call.body, 'source');
      return { message: has ? `module "${name}": source is not a literal string; its outputs are unknown` : `module "${name}" has no source`, problem: !has };
    }
    let dir: string | undefined;
    if (source.startsWith('./') || source.startsWith('../') || source === '.' || source === '..') {
      dir = resolve(parent.cfg.dir, source);
    } else {
      dir = this.downloaded(parent, name);
      if (!dir) return { message: `module "${name}" comes from "${source}", which is not in the linted tree (run terraform init to let iamlint read .terraform/modules); its outputs are unknown`, problem: false };
    }
    for (let m: ModInst | undefined = parent; m; m = m.parent) {
      if (m.cfg.dir === dir) return { message: `module "${name}" calls its own folder "${source}" (a module cycle): not evaluated`, problem: true };
    }
    const inLinted = this.byDir.has(dir);
    if (!inLinted) {
      let st;
      try {
        st = statSync(dir);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        return { message: code === 'ELOOP' ? `module "${name}": "${source}" is a symbolic link loop` : `module "${name}": folder "${source}" not found`, problem: true };
      }
      if (!st.isDirectory()) return { message: `module "${name}": "${source}" is not a folder`, problem: true };
      if (!this.inside(dir)) return { message: `module "${name}": "${source}" is outside the linted tree: not read, its outputs are unknown`, problem: false };
    }
    const cfg = this.folder(dir);
    if ('message' in cfg) return { message: `module "${name}": "${source}": ${cfg.message}`, problem: true };
    const pm = toPosix(relative(this.plan.rootDir, dir));
    return { cfg, pathModule: pm === '' ? '.' : pm };
  }

  /** A module `terraform init` downloaded, from `.terraform/modules/modules.json` (read directly: discovery skips it). */
  private downloaded(parent: ModInst, name: string): string | undefined {
    if (this.modulesJson === undefined) {
      this.modulesJson = null;
      const ctx = this.readInside(join(this.plan.rootDir, '.terraform', 'modules', 'modules.json'), 'modules.json');
      if (!('message' in ctx)) {
        try {
          const parsed = JSON.parse(ctx.text) as { Modules?: { Key?: string; Dir?: string }[] };
          const map = new Map<string, string>();
          for (const m of parsed.Modules ?? []) if (typeof m.Key === 'string' && typeof m.Dir === 'string') map.set(m.Key, resolve(this.plan.rootDir, m.Dir));
          this.modulesJson = map;
        } catch {
          this.note('.terraform/modules/modules.json is not valid JSON: downloaded modules not read', ctx.loc(0, 0));
        }
      }
    }
    if (!this.modulesJson) return undefined;
    const path = [...parent.prefix.matchAll(/module\.([^.]+)\./g)].map((m) => m[1]);
    return this.modulesJson.get([...path, name].join('.'));
  }

  // ---- run -----------------------------------------------------------------------------------------------

  run(): void {
    const root = this.folder(this.plan.rootDir);
    const tfvarsFiles = this.plan.files.filter((f) => isTfvars(f.rel));
    const tfvars = this.tfvars(tfvarsFiles);
    if ('message' in root) {
      // Only variable files here (values passed with -var-file): scan them for credentials.
      return;
    }
    const inst = new ModInst('', root, '.', [], 0, undefined, undefined, tfvars);
    this.root = inst;
    this.walk(inst);
    this.finish();
  }

  /** Values from `terraform.tfvars` and `*.auto.tfvars` (root folder only), and text values from every variable file. */
  private tfvars(files: SourceFile[]): Map<string, Val> {
    const values = new Map<string, Val>();
    const auto = (f: SourceFile): boolean => dirname(f.abs) === this.plan.rootDir && /^(terraform\.tfvars(\.json)?|.*\.auto\.tfvars(\.json)?)$/.test(basename(f.rel));
    const order = [...files].sort((a, b) => {
      const ra = basename(a.rel).startsWith('terraform.tfvars') ? 0 : 1;
      const rb = basename(b.rel).startsWith('terraform.tfvars') ? 0 : 1;
      return ra - rb || (a.rel < b.rel ? -1 : 1);
    });
    for (const f of order) this.applyVarFile(f, values, auto(f));
    // Like terraform's -var-file and -var: later sources win over earlier ones and over the automatic files.
    for (const abs of this.plan.inputs?.varFiles ?? []) {
      let text: string;
      try {
        text = readFileSync(abs, 'utf8');
      } catch {
        this.note(`variable file ${abs} cannot be read`, { file: this.ref?.rel ?? '.', line: 1, column: 1, endLine: 1, endColumn: 1 });
        continue;
      }
      this.applyVarFile({ abs, rel: relative(process.cwd(), abs).split(sep).join('/'), text }, values, true);
    }
    const given = Object.entries(this.plan.inputs?.vars ?? {});
    if (given.length) {
      const text = given.map(([k, v]) => `${k} = ${hclLiteral(v)}`).join('\n') + '\n';
      this.applyVarFile({ abs: join(this.plan.rootDir, '(--var).tfvars'), rel: '(--var)', text }, values, true);
    }
    return values;
  }

  /** Reads one variable file: every value is scanned for credentials; values of `use` files become inputs. */
  private applyVarFile(f: SourceFile, values: Map<string, Val>, use: boolean): void {
    const cf = this.parseVars(f);
    if (!cf) return;
    const dummy = new ModInst('', buildModuleConfig(dirname(f.abs), []), '.', [], 0);
    for (const a of cf.body.attrs) {
      const owner: ResourceRef = { address: `variable.${a.name}`, type: 'tfvars', loc: a.ctx.loc(a.s, a.e) };
      this.literals(a.expr, a.ctx, a.name, owner);
      if (use) values.set(a.name, this.ev.guarded(() => this.ev.evalAttr(a, { mod: dummy, isolated: true }), () => strVal('', owner.loc), owner.loc));
    }
  }

  private parseVars(f: SourceFile): ConfigFile | undefined {
    return this.parseFile(f, true);
  }

  private refOf(mod: ModInst, address: string, type: string, b: { s: number; e: number; ctx: FileCtx }): ResourceRef {
    const ref: ResourceRef = { address: `${mod.prefix}${address}`, type, loc: b.ctx.loc(b.s, b.e) };
    if (mod.callers.length) ref.callers = mod.callers;
    return ref;
  }

  private walk(mod: ModInst): void {
    const cfg = mod.cfg;
    // Policies whose ARN flows into a remote module, a local or an output are in use although no modelled entity
    // points at them: note every `aws_iam_policy.NAME` the module's files name.
    for (const f of cfg.files) {
      for (const m of f.ctx.text.matchAll(/(?<![\w.])aws_iam_policy\.([A-Za-z_][\w-]*)/g)) {
        (this.model.referencedAddresses ??= new Set()).add(`${mod.prefix}aws_iam_policy.${m[1]}`);
      }
    }
    for (const b of cfg.data) {
      if (b.labels[0] !== 'aws_iam_policy_document' || b.labels[1] === undefined) continue;
      const ref = this.refOf(mod, `data.aws_iam_policy_document.${b.labels[1]}`, 'aws_iam_policy_document', b);
      this.dataDocs.set(ref.address, { address: ref.address, block: b, mod, ref, lowered: new Map(), docs: new Map(), lowering: false, consumed: false, asSource: false });
    }
    for (const b of cfg.providers) {
      const owner = this.refOf(mod, `provider.${b.labels[0] ?? ''}`, 'provider', b);
      this.blockLiterals(b, '', owner);
    }
    // Backend settings (`terraform { backend "s3" { access_key = ... } }`) can hold credentials too.
    for (const f of cfg.files) {
      for (const t of f.body.blocks) {
        if (t.type !== 'terraform') continue;
        for (const be of t.body.blocks) if (be.type === 'backend' || be.type === 'cloud') this.blockLiterals(be, [be.type, ...be.labels].join('.'), this.refOf(mod, 'terraform', 'terraform', t));
      }
    }
    for (const [name, b] of cfg.variables) {
      const def = attrOf(b.body, 'default');
      if (def) this.literals(def.expr, def.ctx, name, this.refOf(mod, `variable.${name}`, 'variable', b));
    }
    for (const [name, a] of cfg.locals) this.literals(a.expr, a.ctx, name, this.refOf(mod, 'locals', 'locals', { s: a.s, e: a.e, ctx: a.ctx }));
    for (const [name, b] of cfg.outputs) {
      const v = attrOf(b.body, 'value');
      if (!v) continue;
      const owner = this.refOf(mod, `output.${name}`, 'output', b);
      this.literals(v.expr, v.ctx, name, owner);
      const value = this.ev.guarded(() => this.ev.evalAttr(v, mod.root), () => undefined, owner.loc);
      if (value) for (const key of secretRefs(value)) this.model.secretExposures.push({ owner, key, via: 'output', loc: v.ctx.loc(v.ns, v.expr.e) });
    }
    for (const b of cfg.resources) this.resource(mod, b);
    for (const name of cfg.modules.keys()) {
      const call = this.ev.guarded(() => this.ev.childCall(mod, name), () => undefined, cfg.modules.get(name)?.ctx.loc(0, 0) as Location);
      for (const c of call?.instances ?? []) this.walk(c.inst);
    }
  }

  private resource(mod: ModInst, b: Block): void {
    const [type, name] = b.labels;
    if (type === undefined || name === undefined) return;
    const handler = resourceHandler(type);
    const userData = attrOf(b.body, 'user_data');
    if (!handler && !userData) return;
    const ref = this.refOf(mod, `${type}.${name}`, type, b);
    if (userData) this.literals(userData.expr, userData.ctx, 'user_data', ref);
    if (!handler) return;
    const before = snapshot(this.model);
    let many = false;
    this.ev.guarded(
      () => {
        const insts = this.ev.expand(b.body, mod.root);
        many = insts.length > 1;
        for (const { scope } of insts) {
          const r: ResCtx = { u: this, block: b, body: b.body, scope, ref };
          try {
            handler(r);
          } catch (e) {
            if (e instanceof BudgetExceeded) throw e;
            this.problem(`internal error while reading ${ref.address}: ${e instanceof Error ? e.message : String(e)}`, ref.loc, ref);
          }
        }
      },
      () => undefined,
      ref.loc,
    );
    if (many) dedupeSince(this.model, before);
  }

  // ---- policy documents ----------------------------------------------------------------------------------

  /** JSON text or structure as a located document; reports JSON errors against the owner. */
  private located(v: Val, owner: ResourceRef | undefined): Located | undefined {
    if (v.k === 'obj') return toLocated(v);
    if (v.k !== 'str') return undefined;
    const only = v.parts.length === 1 ? v.parts[0] : undefined;
    if (only && 'emb' in only) return only.emb.k === 'unk' ? undefined : toLocated(only.emb);
    const r = parseJsonInString(v);
    for (const w of r.warnings) this.note(w.message, w.loc);
    const first = r.errors[0];
    if (first) {
      if (first.message === 'empty policy document') this.note(`${owner ? `${owner.address}: ` : ''}the policy is empty`, first.loc);
      else this.problem(`policy is not valid JSON: ${first.message.replace(/^invalid JSON: /, '')}`, first.loc, owner);
      return undefined;
    }
    return r.value && r.value.k !== 'unk' ? toLocated(r.value) : undefined;
  }

  document(v: Val, kind: PolicyKind, owner: ResourceRef, path: (string | number)[], name?: Scalar): PolicyDocument | undefined {
    if (isPolicyDocumentRef(v)) return this.dataDocument(v.ref.address, v.inst, kind, owner, v.xf);
    const source = this.located(v, owner);
    if (!source) return undefined;
    const d = buildPolicyDocument(source, { kind, owner, path, ...(name ? { name } : {}) });
    this.model.documents.push(d);
    return d;
  }

  private instancesOf(dd: DataDoc): { key?: string | number; scope: Scope }[] {
    dd.insts ??= this.ev.guarded(() => this.ev.expand(dd.block.body, dd.mod.root), () => [], dd.ref.loc);
    return dd.insts;
  }

  private lowered(dd: DataDoc, inst: string | number | undefined): { key: string; doc: LocatedObject } | undefined {
    const insts = this.instancesOf(dd);
    const chosen = (inst !== undefined ? insts.find((i) => i.key === inst || String(i.key) === String(inst)) : undefined) ?? insts[0];
    if (!chosen) return undefined;
    const key = chosen.key === undefined ? '' : String(chosen.key);
    const cached = dd.lowered.get(key);
    if (cached !== undefined) return cached ? { key, doc: cached } : undefined;
    if (dd.lowering) {
      this.problem(`${dd.address} includes itself through source or override documents (a cycle)`, dd.ref.loc, dd.ref);
      return undefined;
    }
    dd.lowering = true;
    try {
      const b = dd.block;
      const brace = b.ctx.text.indexOf('{', b.te);
      const header = b.ctx.loc(b.s, brace > 0 && brace < b.e ? brace : b.te);
      const doc = this.ev.guarded(
        () =>
          lowerPolicyDocument(this.ev, b.body, chosen.scope, dd.ref.loc, header, {
            documentOf: (v) => {
              if (isPolicyDocumentRef(v)) {
                const other = this.dataDocs.get(v.ref.address);
                if (!other) return undefined;
                other.asSource = true;
                const doc = this.lowered(other, v.inst)?.doc;
                return doc && v.xf ? (replaceInLocated(doc, v.xf) as LocatedObject) : doc;
              }
              return this.located(v, dd.ref);
            },
          }),
        () => null,
        dd.ref.loc,
      );
      dd.lowered.set(key, doc);
      return doc ? { key, doc } : undefined;
    } finally {
      dd.lowering = false;
    }
  }

  private dataDocument(address: string, inst: string | number | undefined, kind: PolicyKind, consumer: ResourceRef, xf?: UnkVal['xf']): PolicyDocument | undefined {
    const dd = this.dataDocs.get(address);
    if (!dd) return undefined;
    dd.consumed = true;
    const lowered = this.lowered(dd, inst);
    if (!lowered) return undefined;
    // Placeholders the consumer replaces in the JSON (`replace(data.x.json, "_ARN_", ...)`) are replaced here too.
    const l = xf?.length ? { key: `${lowered.key}~${JSON.stringify(xf.map((x) => [x.search, x.repl.map((p) => ('text' in p ? p.text : '${}'))]))}`, doc: replaceInLocated(lowered.doc, xf) as LocatedObject } : lowered;
    const cacheKey = `${kind}|${l.key}`;
    let doc = dd.docs.get(cacheKey);
    if (!doc) {
      // Instances that lowered to the same document (same values at the same places) share one.
      const sig = JSON.stringify(l.doc);
      for (const [k, d] of dd.docs) if (k.startsWith(`${kind}|`) && JSON.stringify(d.source) === sig) doc = d;
      if (doc) dd.docs.set(cacheKey, doc);
    }
    if (!doc) {
      const path: string[] = [];
      if (l.key !== '') path.push(`[${l.key}]`);
      if ([...dd.docs.keys()].some((k) => k.endsWith(`|${l.key}`))) path.push(kind);
      doc = buildPolicyDocument(l.doc, { kind, owner: dd.ref, path });
      dd.docs.set(cacheKey, doc);
      this.model.documents.push(doc);
    }
    if (!doc.consumers.some((c) => c.address === consumer.address)) doc.consumers.push(consumer);
    return doc;
  }

  // ---- text values ---------------------------------------------------------------------------------------

  literals(expr: Expr, ctx: FileCtx, name: string, owner: ResourceRef): void {
    const walk = (x: Expr, path: string, depth: number): void => {
      if (depth > 32) return;
      switch (x.t) {
        case 'tpl': {
          let value = '';
          let literal = false;
          for (const p of x.parts) {
            if (p.t === 'text') {
              for (const g of p.segs) value += g.text;
              if (p.segs.some((g) => g.text.trim())) literal = true;
            } else value += `\${${this.ev.text(ctx, p)}}`.replace(/^\$\{\$\{/, '${').replace(/\}\}$/, '}');
          }
          if (!literal) return;
          const key = `${ctx.rel}:${x.s}`;
          if (this.seenText.has(key)) return;
          this.seenText.add(key);
          this.model.textValues.push({ owner, name: path, value, loc: ctx.loc(x.s, x.e) });
          return;
        }
        case 'tuple':
          for (const i of x.items) walk(i, path, depth + 1);
          return;
        case 'obj':
          for (const el of x.elems) {
            const k = el.ident ?? (el.key.t === 'tpl' && el.key.parts.every((p) => p.t === 'text') ? el.key.parts.map((p) => (p.t === 'text' ? p.segs.map((g) => g.text).join('') : '')).join('') : undefined);
            walk(el.val, k === undefined ? path : path ? `${path}.${k}` : k, depth + 1);
          }
          return;
        case 'cond':
          walk(x.a, path, depth + 1);
          walk(x.b, path, depth + 1);
          return;
        case 'call':
          for (const a of x.args) walk(a, path, depth + 1);
          return;
        case 'val':
          this.valueLiterals(x.v, path, owner, 0);
          return;
        default:
          return;
      }
    };
    walk(expr, name, 0);
  }

  /** Text values from a known value (plan JSON). */
  private valueLiterals(v: Val, path: string, owner: ResourceRef, depth: number): void {
    if (depth > 32) return;
    if (v.k === 'str') {
      const text = strText(v);
      if (text === undefined || !text.trim()) return;
      const key = `${v.loc.file}:${v.loc.line}:${v.loc.column}`;
      if (this.seenText.has(key)) return;
      this.seenText.add(key);
      this.model.textValues.push({ owner, name: path, value: text, loc: v.loc });
    } else if (v.k === 'list') for (const i of v.items) this.valueLiterals(i, path, owner, depth + 1);
    else if (v.k === 'obj') for (const e of v.entries) this.valueLiterals(e.value, path ? `${path}.${e.key}` : e.key, owner, depth + 1);
  }

  private blockLiterals(b: Block, prefix: string, owner: ResourceRef): void {
    for (const a of b.body.attrs) this.literals(a.expr, a.ctx, prefix ? `${prefix}.${a.name}` : a.name, owner);
    for (const inner of b.body.blocks) this.blockLiterals(inner, prefix ? `${prefix}.${inner.type}` : inner.type, owner);
  }

  // ---- finish --------------------------------------------------------------------------------------------

  /** Runs one resource handler on a body built from known values (plan JSON). */
  runHandler(type: string, body: ConfigFile['body'], ref: ResourceRef, block: Block): boolean {
    const handler = resourceHandler(type);
    const ua = attrOf(body, 'user_data');
    if (ua) this.literals(ua.expr, ua.ctx, 'user_data', ref);
    if (!handler) return false;
    const mod = new ModInst('', buildModuleConfig(this.plan.rootDir, []), '.', [], 0);
    this.ev.guarded(() => handler({ u: this, block, body, scope: mod.root, ref }), () => undefined, ref.loc);
    return true;
  }

  finish(): void {
    // Policy documents nobody uses are still linted, with the kind their content suggests.
    for (const dd of this.dataDocs.values()) {
      if (dd.consumed || dd.asSource) continue;
      const seen = new Set<string>();
      for (const inst of this.instancesOf(dd)) {
        const l = this.lowered(dd, inst.key);
        if (!l) continue;
        const sig = JSON.stringify(l.doc);
        if (seen.has(sig)) continue;
        seen.add(sig);
        const doc = buildPolicyDocument(l.doc, { kind: inferKind(l.doc), owner: dd.ref, path: l.key === '' ? [] : [`[${l.key}]`], kindInferred: true });
        this.model.documents.push(doc);
      }
    }
    for (const lp of this.model.loginProfiles) {
      const u = findIdentity(this.model, 'user', lp.user);
      if (u && !u.loginProfile) u.loginProfile = { loc: lp.ref.loc, ref: lp.ref };
    }
  }
}

/** A located document with text replaced in its string values (keys untouched); replacements may hold unknowns. */
function replaceInLocated(v: Located, xf: NonNullable<UnkVal['xf']>): Located {
  const parts = (text: string): TemplatePart[] => {
    let acc: TemplatePart[] = [text];
    for (const { search, repl } of xf) {
      const next: TemplatePart[] = [];
      for (const p of acc) {
        if (typeof p !== 'string' || !p.includes(search)) {
          next.push(p);
          continue;
        }
        p.split(search).forEach((piece, i) => {
          if (i > 0) for (const r of repl) next.push(partOf(r));
          if (piece) next.push(piece);
        });
      }
      acc = next;
    }
    // Adjacent text merged.
    const out: TemplatePart[] = [];
    for (const p of acc) {
      const last = out[out.length - 1];
      if (typeof p === 'string' && typeof last === 'string') out[out.length - 1] = last + p;
      else out.push(p);
    }
    return out;
  };
  const fromParts = (ps: TemplatePart[], loc: Location): Located => {
    if (ps.length === 0) return { kind: 'scalar', value: '', loc };
    if (ps.length === 1) {
      const only = ps[0] as TemplatePart;
      if (typeof only === 'string') return { kind: 'scalar', value: only, loc };
      const u: Located = { kind: 'unknown', text: only.unknown, loc };
      if (only.ref) u.ref = only.ref;
      if (only.hint) u.hint = only.hint;
      return u;
    }
    return { kind: 'template', parts: ps, loc };
  };
  switch (v.kind) {
    case 'object':
      return { ...v, entries: v.entries.map((e) => ({ ...e, value: replaceInLocated(e.value, xf) })) };
    case 'array':
      return { ...v, items: v.items.map((i) => replaceInLocated(i, xf)) };
    case 'scalar':
      return typeof v.value === 'string' && xf.some((x) => (v.value as string).includes(x.search)) ? fromParts(parts(v.value), v.loc) : v;
    case 'template': {
      const out: TemplatePart[] = [];
      for (const p of v.parts) for (const q of typeof p === 'string' ? parts(p) : [p]) out.push(q);
      return fromParts(out, v.loc);
    }
    default:
      return v;
  }
}

function partOf(p: StrPart): TemplatePart {
  if ('text' in p) return p.text;
  if ('unk' in p) {
    const t: TemplatePart = { unknown: p.unk };
    if (p.ref) t.ref = p.ref;
    if (p.hint) t.hint = p.hint;
    return t;
  }
  return { unknown: 'jsonencode(...)' };
}

const TRUST_ACTIONS = /^sts:(AssumeRole|AssumeRoleWithWebIdentity|AssumeRoleWithSAML|TagSession|SetSourceIdentity|SetContext|\*)$/i;

/** A document no resource consumes: a trust policy if its principals only assume roles (or are federated), else by Principal. */
function inferKind(doc: LocatedObject): PolicyKind {
  const st = doc.entries.find((e) => e.key === 'Statement')?.value;
  const items = st?.kind === 'array' ? st.items : st ? [st] : [];
  const withPrincipal = items.filter((s): s is LocatedObject => s.kind === 'object' && s.entries.some((e) => e.key === 'Principal' || e.key === 'NotPrincipal'));
  if (withPrincipal.length === 0) return 'identity';
  const trust = withPrincipal.every((s) => {
    const action = s.entries.find((e) => e.key === 'Action')?.value;
    const actions = action?.kind === 'array' ? action.items : action ? [action] : [];
    const literal = actions.filter((a) => a.kind === 'scalar').map((a) => String((a as { value: unknown }).value));
    if (literal.length > 0) return literal.every((a) => TRUST_ACTIONS.test(a));
    const principal = s.entries.find((e) => e.key === 'Principal')?.value;
    return principal?.kind === 'object' && principal.entries.some((e) => e.key === 'Federated');
  });
  return trust ? 'trust' : 'resource';
}

// ---- instance de-duplication ---------------------------------------------------------------------------------

type Snapshot = Record<string, number>;

const ARRAYS = ['documents', 'identities', 'policies', 'attachments', 'memberships', 'accessKeys', 'loginProfiles', 'mfaDevices', 'oidcProviders', 'textValues', 'secretExposures', 'permissionGrants'] as const;
const CONTROLS = ['passwordPolicies', 'trails', 'configRecorders', 'secrets', 'secretRotations', 'metricFilters', 'alarms', 'analyzers'] as const;

function snapshot(m: IamModel): Snapshot {
  const s: Snapshot = {};
  for (const k of ARRAYS) s[k] = m[k].length;
  for (const k of CONTROLS) s[`account.${k}`] = m.account[k].length;
  return s;
}

function docKey(d: PolicyDocument): string {
  return `${d.kind}|${d.owner.address}|${JSON.stringify(d.source)}`;
}

/** Instances of one block that came out identical (same values at the same places) are kept once. */
function dedupeSince(m: IamModel, before: Snapshot): void {
  const docs = m.documents;
  const start = before.documents ?? docs.length;
  const replace = new Map<PolicyDocument, PolicyDocument>();
  const kept = new Map<string, PolicyDocument>();
  const fresh: PolicyDocument[] = [];
  for (const d of docs.slice(start)) {
    const k = docKey(d);
    const prior = kept.get(k);
    if (prior) replace.set(d, prior);
    else {
      kept.set(k, d);
      fresh.push(d);
    }
  }
  docs.splice(start, docs.length - start, ...fresh);
  const swap = (d: PolicyDocument | undefined): PolicyDocument | undefined => (d ? (replace.get(d) ?? d) : d);
  for (const p of m.policies.slice(before.policies)) if (p.document) p.document = swap(p.document) as PolicyDocument;
  for (const i of m.identities.slice(before.identities)) {
    if (i.trust) i.trust = swap(i.trust) as PolicyDocument;
    i.inlinePolicies = i.inlinePolicies.map((d) => swap(d) as PolicyDocument);
  }
  const replacer = (_k: string, v: unknown): unknown => (v && typeof v === 'object' && 'statements' in v && 'source' in v ? `doc:${(v as PolicyDocument).id}:${docKey(v as PolicyDocument)}` : v);
  const uniq = <T>(arr: T[], from: number | undefined): void => {
    const s = from ?? arr.length;
    if (arr.length - s < 2) return;
    const seen = new Set<string>();
    const out: T[] = [];
    for (const x of arr.slice(s)) {
      const k = JSON.stringify(x, replacer);
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(x);
    }
    arr.splice(s, arr.length - s, ...out);
  };
  for (const k of ARRAYS) if (k !== 'documents') uniq(m[k] as unknown[], before[k]);
  for (const k of CONTROLS) uniq(m.account[k] as unknown[], before[`account.${k}`]);
}

export type { SyntaxProblem };
