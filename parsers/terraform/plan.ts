/**
 * Terraform plan JSON (`terraform show -json plan.out`): the resources of `planned_values` (root and child
 * modules) go to the model under their own address, with the values Terraform computed. Values still unknown
 * at plan time (`after_unknown`) stay unknown. Locations point into the plan file, down to the statement
 * inside a policy string.
 */
import { dirname } from 'node:path';
import type { SourceFile } from '../../src/engine/source.js';
import { emptyModel, type IamModel } from '../../src/model/model.js';
import type { ResourceRef } from '../../src/model/resource-ref.js';
import { fileCtx, type Attr, type Block, type Body, type FileCtx } from './ast.js';
import { readByTerraform } from './group.js';
import { Unit } from './unit.js';
import { parseJsonInString, strText, strVal, unknown, type ObjEntry, type Val } from './values.js';

/** Nested blocks in planned values are lists of objects under these names. */
const NESTED = new Set(['inline_policy', 'environment', 'recording_group', 'metric_transformation', 'rotation_rules', 'statement', 'principals', 'not_principals', 'condition']);

/** Cheap sniff before parsing: a plan has `format_version` and `planned_values`. */
export function looksLikePlan(text: string): boolean {
  return text.includes('"planned_values"') && text.includes('"format_version"');
}

const entry = (v: Val | undefined, key: string): Val | undefined => (v?.k === 'obj' ? v.entries.find((e) => e.key === key)?.value : undefined);

export async function parsePlanFile(file: SourceFile): Promise<IamModel | null> {
  if (readByTerraform.get(file.abs) === file.text) return claimedByTerraform(file);
  if (!looksLikePlan(file.text)) return null;
  const ctx = fileCtx(file.rel, file.abs, file.text);
  const parsed = parseJsonInString(strVal(file.text, ctx.loc(0, 0), ctx, 0));
  const root = parsed.value;
  if (!root || root.k !== 'obj' || !entry(root, 'format_version') || !entry(root, 'planned_values')) return null;
  const model = emptyModel({ kind: 'terraform-plan', id: file.rel, files: [file.rel] });
  for (const e of parsed.errors.slice(0, 1)) model.parseProblems.push(e);
  const dir = dirname(file.abs);
  const unit = new Unit({ rootDir: dir, files: [file], boundary: dir }, model, undefined);

  // after_unknown per resource address: attributes only known after apply.
  const unknownAfter = new Map<string, Val>();
  const changes = entry(root, 'resource_changes');
  if (changes?.k === 'list') {
    for (const c of changes.items) {
      const address = strText(entry(c, 'address') ?? { k: 'null', loc: c.loc });
      const au = entry(entry(c, 'change'), 'after_unknown');
      if (address !== undefined && au) unknownAfter.set(address, au);
    }
  }

  const visit = (mod: Val | undefined, depth: number): void => {
    if (!mod || depth > 32) return;
    const resources = entry(mod, 'resources');
    if (resources?.k === 'list') {
      for (const r of resources.items) {
        const address = strText(entry(r, 'address') ?? { k: 'null', loc: r.loc });
        const type = strText(entry(r, 'type') ?? { k: 'null', loc: r.loc });
        const mode = strText(entry(r, 'mode') ?? { k: 'null', loc: r.loc });
        const values = entry(r, 'values');
        if (!address || !type || mode !== 'managed' || values?.k !== 'obj') continue;
        const ref: ResourceRef = { address, type, loc: r.loc };
        const body = bodyOf(values, unknownAfter.get(address), ctx);
        const block: Block = { type: 'resource', labels: [type, address], ts: 0, te: 0, body, s: 0, e: 0, ctx };
        unit.runHandler(type, body, ref, block);
      }
    }
    const children = entry(mod, 'child_modules');
    if (children?.k === 'list') for (const c of children.items) visit(c, depth + 1);
  };
  visit(entry(entry(root, 'planned_values'), 'root_module'), 0);
  unit.finish();
  return model;
}

/** Planned values as a body: lists of objects under nested block names become blocks, the rest attributes. */
function bodyOf(values: Extract<Val, { k: 'obj' }>, after: Val | undefined, ctx: FileCtx): Body {
  const body: Body = { attrs: [], blocks: [] };
  const seen = new Set<string>();
  const attr = (e: ObjEntry, v: Val): Attr => ({ name: e.key, ns: 0, ne: 0, expr: { t: 'val', v, s: 0, e: 0 }, s: 0, e: 0, ctx: locCtx(ctx, e.keyLoc, v) });
  for (const e of values.entries) {
    seen.add(e.key);
    const later = entry(after, e.key);
    if (later?.k === 'bool' && later.v && e.value.k === 'null') {
      body.attrs.push(attr(e, unknown('(known after apply)', e.keyLoc)));
      continue;
    }
    if (NESTED.has(e.key) && e.value.k === 'list' && e.value.items.every((i) => i.k === 'obj')) {
      e.value.items.forEach((i, n) => {
        if (i.k !== 'obj') return;
        body.blocks.push({ type: e.key, labels: [], ts: 0, te: 0, body: bodyOf(i, listItem(entry(after, e.key), n), ctx), s: 0, e: 0, ctx: locCtx(ctx, e.keyLoc, i) });
      });
      continue;
    }
    if (e.value.k === 'null') continue;
    body.attrs.push(attr(e, e.value));
  }
  // Attributes absent from the values but unknown after apply.
  if (after?.k === 'obj') {
    for (const e of after.entries) if (!seen.has(e.key) && e.value.k === 'bool' && e.value.v) body.attrs.push(attr(e, unknown('(known after apply)', values.loc)));
  }
  return body;
}

function listItem(v: Val | undefined, n: number): Val | undefined {
  return v?.k === 'list' ? v.items[n] : undefined;
}

/** Attribute and block spans in a plan come from the values themselves, not from offsets. */
function locCtx(ctx: FileCtx, keyLoc: Val['loc'], v: Val): FileCtx {
  return { rel: ctx.rel, abs: ctx.abs, text: ctx.text, loc: (s, e) => (s === 0 && e === 0 ? { ...keyLoc, endLine: v.loc.endLine, endColumn: v.loc.endColumn } : ctx.loc(s, e)) };
}

/**
 * A JSON file a Terraform unit of this run read with `file()`: its policy was linted through the resource that
 * uses it, so it is taken here (an empty unit) rather than linted again as a standalone policy file.
 */
function claimedByTerraform(file: SourceFile): IamModel {
  const model = emptyModel({ kind: 'terraform', id: file.rel, files: [file.rel] });
  model.notes.push({ message: 'read by Terraform with file(): linted through the resources that use it', loc: { file: file.rel, line: 1, column: 1, endLine: 1, endColumn: 1 } });
  return model;
}
