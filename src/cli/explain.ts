import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AnyCheck } from '../check.js';
import { packageRoot } from '../package-root.js';

/** The path of a check's documentation (`checks/<category>/<id>.md`), if it exists. */
export function docPath(id: string): string | undefined {
  const checksDir = join(packageRoot(), 'checks');
  for (const category of readdirSync(checksDir, { withFileTypes: true })) {
    if (!category.isDirectory()) continue;
    const p = join(checksDir, category.name, `${id}.md`);
    if (existsSync(p)) return p;
  }
  return undefined;
}

export function explain(check: AnyCheck): string {
  const p = docPath(check.meta.id);
  const header = `${check.meta.id} (${check.meta.severity}, ${check.meta.category})\n\n`;
  return p ? header + readFileSync(p, 'utf8') : `${header}${check.meta.description}\n`;
}

export function listRules(checks: readonly AnyCheck[]): string {
  const width = Math.max(...checks.map((c) => c.meta.id.length));
  return checks.map((c) => `${c.meta.id.padEnd(width)}  ${c.meta.severity.padEnd(8)}  ${c.meta.description}`).join('\n') + '\n';
}
