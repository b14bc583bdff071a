/** In-memory Terraform projects written to a temporary folder (modules and `file()` read the disk), parsed or linted. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { ALL_CHECKS } from '../../../checks/index.js';
import { groupTerraform, unitPlans } from '../../../parsers/terraform/group.js';
import { loadHcl } from '../../../parsers/terraform/hcl.js';
import { Unit } from '../../../parsers/terraform/unit.js';
import type { Val } from '../../../parsers/terraform/values.js';
import { emptyModel } from '../../../src/model/model.js';
import { parseTerraform } from '../../../parsers/terraform/index.js';
import { lintPaths } from '../../../src/engine/lint.js';
import type { SourceFile } from '../../../src/engine/source.js';
import type { Finding } from '../../../src/finding.js';
import type { Location } from '../../../src/model/location.js';
import type { IamModel } from '../../../src/model/model.js';
import type { Scalar, ValueList } from '../../../src/model/scalar.js';

export function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'iamlint-tf-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

const TF = /\.(tf|tfvars)(\.json)?$/;

export function sources(dir: string, only?: (rel: string) => boolean): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== '.terraform') walk(p);
      } else if (e.isFile() && TF.test(e.name)) {
        const rel = relative(dir, p).split('\\').join('/');
        if (!only || only(rel)) out.push({ abs: p, rel, text: readFileSync(p, 'utf8') });
      }
    }
  };
  walk(dir);
  return out;
}

/** Every unit's model, in unit order. */
export async function models(files: Record<string, string> | string): Promise<IamModel[]> {
  const dir = typeof files === 'string' ? files : project(files);
  const out: IamModel[] = [];
  for (const g of groupTerraform(sources(dir))) {
    const m = await parseTerraform(g);
    if (m) out.push(m);
  }
  return out;
}

export async function model(files: Record<string, string> | string): Promise<IamModel> {
  const all = await models(files);
  if (all.length !== 1) throw new Error(`expected one unit, got ${all.length}`);
  return all[0] as IamModel;
}

export async function lint(files: Record<string, string> | string): Promise<Finding[]> {
  const dir = typeof files === 'string' ? files : project(files);
  const r = await lintPaths([dir], { root: dir, checks: ALL_CHECKS });
  if (r.failures.length) throw new Error(JSON.stringify(r.failures));
  return r.findings;
}

/** `line:column-endLine:endColumn` (file left out). */
export const at = (l: Location | undefined): string => (l ? `${l.line}:${l.column}-${l.endLine}:${l.endColumn}` : '-');

/** A scalar as text: literals as is, unknowns as `<text -> address.attribute>`, templates with `${...}`. */
export function show(s: Scalar | undefined): string {
  if (!s) return '-';
  if (s.kind === 'literal') return s.value;
  if (s.kind === 'unknown') return `<${s.text}${s.ref ? ` -> ${s.ref.address}${s.ref.attribute ? `.${s.ref.attribute}` : ''}` : ''}${s.hint ? ` ${s.hint}` : ''}>`;
  return s.parts.map((p) => (typeof p === 'string' ? p : `\${${p.unknown}}`)).join('');
}

export const items = (l: ValueList | undefined): string[] => (l ? l.items.map(show) : []);

/** Line and column of the first occurrence of `needle` in `text` (after `after` when given), 1-based. */
export function pos(text: string, needle: string, after = ''): { line: number; column: number } {
  const start = after ? text.indexOf(after) : 0;
  const i = text.indexOf(needle, start < 0 ? 0 : start);
  if (i < 0) throw new Error(`"${needle}" not found`);
  const before = text.slice(0, i).split('\n');
  return { line: before.length, column: (before[before.length - 1] as string).length + 1 };
}

/** Runs a unit and returns its root module's locals, evaluated (plain when fully known, else the located value). */
export async function locals(files: Record<string, string> | string): Promise<{ values: Record<string, Val>; model: IamModel }> {
  const dir = typeof files === 'string' ? files : project(files);
  const [g] = groupTerraform(sources(dir));
  const plan = g && unitPlans.get(g);
  if (!plan) throw new Error('no unit');
  const m = emptyModel({ kind: 'terraform', id: '.', files: [] });
  const unit = new Unit(plan, m, await loadHcl());
  unit.run();
  const root = unit.root;
  if (!root) throw new Error('no root module');
  const values: Record<string, Val> = {};
  for (const name of root.cfg.locals.keys()) values[name] = unit.ev.local(root, name, { file: '', line: 1, column: 1, endLine: 1, endColumn: 1 });
  return { values, model: m };
}
