/**
 * A toy input format for engine tests, standing in for Terraform: `.fake` files, one unit per folder, where a line
 * `USE x` is a problem unless some file of the same unit has `DEFINE x`. Its companions are the other `.fake` files
 * of the folder, so evaluating one file correctly needs the whole folder.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Format } from '../../src/engine/formats.js';
import type { SourceFile } from '../../src/engine/source.js';
import { emptyModel } from '../../src/model/model.js';

const folder = (rel: string): string => rel.split('/').slice(0, -1).join('/') || '.';

export function fakeFormat(calls: { companions: string[]; units: string[][] } = { companions: [], units: [] }): Format {
  return {
    id: 'fake',
    matches: (rel) => rel.endsWith('.fake'),
    group(files: SourceFile[]): SourceFile[][] {
      const byDir = new Map<string, SourceFile[]>();
      for (const f of files) byDir.set(folder(f.rel), [...(byDir.get(folder(f.rel)) ?? []), f]);
      return [...byDir.values()];
    },
    async parse(files) {
      calls.units.push(files.map((f) => f.rel).sort());
      const model = emptyModel({ kind: 'terraform', id: folder(files[0]!.rel), files: files.map((f) => f.rel) });
      const defined = new Set(files.flatMap((f) => [...f.text.matchAll(/^DEFINE (\w+)$/gm)].map((m) => m[1]!)));
      for (const f of files) {
        f.text.split('\n').forEach((line, i) => {
          const m = /^USE (\w+)$/.exec(line);
          if (m && !defined.has(m[1]!)) {
            model.parseProblems.push({ message: `"${m[1]}" is not defined`, loc: { file: f.rel, line: i + 1, column: 1, endLine: i + 1, endColumn: line.length + 1 } });
          }
        });
      }
      return model;
    },
    companions(abs) {
      calls.companions.push(abs);
      const dir = dirname(abs);
      return readdirSync(dir)
        .filter((n) => n.endsWith('.fake'))
        .map((n) => join(dir, n));
    },
  };
}
