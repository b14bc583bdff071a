/**
 * Differential test against `hcl2-parser` (a Go HCL build; no positions, so only an oracle): over every `.tf` of
 * the bench corpus, every attribute value both can resolve must be equal. hcl2-parser resolves literals only
 * (anything else comes back as a "${...}" string); the evaluator runs here without module context, so
 * references stay unknown on both sides. Also: every file of the corpus lints without a crash.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { ALL_CHECKS } from '../../../checks/index.js';
import { fileCtx, type Body } from '../../../parsers/terraform/ast.js';
import { buildModuleConfig } from '../../../parsers/terraform/config.js';
import { Evaluator, ModInst } from '../../../parsers/terraform/eval.js';
import { loadHcl, parseHcl } from '../../../parsers/terraform/hcl.js';
import { plain } from '../../../parsers/terraform/values.js';
import { lintPaths } from '../../../src/engine/lint.js';

const CORPUS = join(process.cwd(), '..', 'shared', 'bench-corpus', 'terraform');
const present = existsSync(CORPUS);
const maybe = present ? describe : describe.skip;

function tfFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && e.name.endsWith('.tf')) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

type Json = unknown;

/** A value hcl2-parser resolved: nothing in it is an expression it printed back as "${...}" (or a directive). */
function resolved(v: Json): boolean {
  if (typeof v === 'string') return !v.includes('${') && !v.includes('%{');
  if (Array.isArray(v)) return v.every(resolved);
  if (v && typeof v === 'object') return Object.entries(v).every(([k, x]) => !k.includes('${') && resolved(x));
  return true;
}

function canonical(v: Json): string {
  const sort = (x: Json): Json => {
    if (Array.isArray(x)) return x.map(sort);
    if (x && typeof x === 'object') return Object.fromEntries(Object.keys(x).sort().map((k) => [k, sort((x as Record<string, Json>)[k])]));
    return x;
  };
  return JSON.stringify(sort(v));
}

interface Tally {
  files: number;
  skippedFiles: number;
  compared: number;
  agreed: number;
  unresolvedByUs: number;
  disagreements: { file: string; path: string; ours: string; theirs: string }[];
}

maybe('differential test against hcl2-parser', () => {
  it('agrees on every attribute both can resolve, over the whole bench corpus', async () => {
    const require = createRequire(import.meta.url);
    const hcl2 = require('hcl2-parser') as { parseToObject(text: string): [Json, Json] };
    const rt = await loadHcl();
    const ev = new Evaluator({
      readFile: () => ({ message: 'not in this test' }),
      parseTemplate: () => undefined,
      loadModule: () => ({ message: 'not in this test', problem: false }),
      note: () => undefined,
      problem: () => undefined,
    });
    const tally: Tally = { files: 0, skippedFiles: 0, compared: 0, agreed: 0, unresolvedByUs: 0, disagreements: [] };
    for (const file of tfFiles(CORPUS)) {
      const text = readFileSync(file, 'utf8');
      const rel = relative(CORPUS, file);
      tally.files++;
      let theirs: Json;
      try {
        theirs = hcl2.parseToObject(text)[0];
      } catch {
        theirs = null;
      }
      const cf = parseHcl(rt, fileCtx(rel, file, text));
      if (!theirs || typeof theirs !== 'object' || cf.problems.length) {
        tally.skippedFiles++;
        continue;
      }
      const mod = new ModInst('', buildModuleConfig(CORPUS, [cf]), '.', [], 0);
      const compareBody = (body: Body, json: Record<string, Json>, path: string): void => {
        for (const a of body.attrs) {
          if (!(a.name in json)) continue;
          const t = json[a.name];
          if (!resolved(t)) continue;
          const v = plain(ev.evalAttr(a, { mod: mod.root.mod, isolated: true }));
          if (v === undefined) {
            tally.unresolvedByUs++;
            tally.disagreements.push({ file: rel, path: `${path}${a.name}`, ours: '(unknown)', theirs: canonical(t) });
            continue;
          }
          tally.compared++;
          if (canonical(v) === canonical(t)) tally.agreed++;
          else tally.disagreements.push({ file: rel, path: `${path}${a.name}`, ours: canonical(v), theirs: canonical(t) });
        }
        // Nested blocks: grouped by type in order; `dynamic` by label.
        const byType = new Map<string, Body[]>();
        for (const b of body.blocks) {
          const key = b.type === 'dynamic' ? `dynamic.${b.labels[0] ?? ''}` : [b.type, ...b.labels].join('\u0000');
          const list = byType.get(key) ?? [];
          list.push(b.body);
          byType.set(key, list);
        }
        for (const [key, bodies] of byType) {
          let target: Json;
          if (key.startsWith('dynamic.')) target = (json.dynamic as Record<string, Json> | undefined)?.[key.slice(8)];
          else {
            target = json;
            for (const part of key.split('\u0000')) target = target && typeof target === 'object' ? (target as Record<string, Json>)[part] : undefined;
          }
          if (!Array.isArray(target)) continue;
          bodies.forEach((b, i) => {
            const t = target as Json[];
            const j = t[i];
            if (j && typeof j === 'object') compareBody(b, j as Record<string, Json>, `${path}${key.replace(/\u0000/g, '.')}[${i}].`);
          });
        }
      };
      // Top level: `locals` is a list of bodies; the rest keyed by type and labels.
      compareBody(cf.body, theirs as Record<string, Json>, '');
    }
    const rate = tally.compared ? tally.agreed / tally.compared : 1;
    const report = {
      files: tally.files,
      skippedFiles: tally.skippedFiles,
      compared: tally.compared,
      agreed: tally.agreed,
      agreement: `${(rate * 100).toFixed(2)}%`,
      unresolvedByUs: tally.unresolvedByUs,
      disagreements: tally.disagreements.slice(0, 50),
    };
    const out = process.env.IAMLINT_DIFF_REPORT;
    if (out) writeFileSync(out, JSON.stringify(report, null, 2));
    expect(tally.compared).toBeGreaterThan(1000);
    expect(tally.disagreements).toEqual([]);
  }, 300_000);

  it('lints every file of the corpus without a crash', async () => {
    const r = await lintPaths([CORPUS], { root: CORPUS, checks: ALL_CHECKS });
    expect(r.failures).toEqual([]);
    expect(r.units.filter((u) => u.kind === 'terraform').length).toBeGreaterThan(100);
    // The corpus parses; what is reported in .tf files are real configuration errors: a few folders define a
    // variable or module twice, or call a module folder that is not there (documentation examples and mixins
    // meant to be copied elsewhere).
    const problems = r.findings.filter((f) => f.ruleId === 'parse-error' && f.file.endsWith('.tf') && !/is defined twice|: folder ".*" not found/.test(f.message));
    expect(problems.map((f) => `${f.file}:${f.line} ${f.message}`)).toEqual([]);
  }, 300_000);
});
