import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckMeta } from '../check.js';
import { packageRoot } from '../package-root.js';

/**
 * Where rule documentation is published: each rule's `checks/<category>/<id>.md` in the repository. One place to
 * change if the project moves; the links appear in SARIF (`helpUri`, help markdown), LSP diagnostics
 * (`codeDescription.href`) and the GitHub job summary.
 */
export const REPOSITORY_URL = 'https://github.com/iamlint/iamlint';

type DocMeta = Pick<CheckMeta<string>, 'id' | 'category' | 'helpUri'>;

/** The stable documentation URL of a rule (a custom rule's own `helpUri`, else the README's section on custom rules). */
export function ruleDocUrl(meta: DocMeta): string {
  if (meta.helpUri) return meta.helpUri;
  if (meta.category === 'custom') return `${REPOSITORY_URL}#custom-rules`;
  return `${REPOSITORY_URL}/blob/main/checks/${meta.category}/${meta.id}.md`;
}

const cache = new Map<string, string | null>();

/** The rule's markdown documentation as shipped in the package, or undefined when the rule has none. */
export function ruleDocMarkdown(meta: DocMeta): string | undefined {
  const key = `${meta.category}/${meta.id}`;
  let text = cache.get(key);
  if (text === undefined) {
    try {
      text = readFileSync(join(packageRoot(), 'checks', meta.category, `${meta.id}.md`), 'utf8');
    } catch {
      text = null;
    }
    cache.set(key, text);
  }
  return text ?? undefined;
}
