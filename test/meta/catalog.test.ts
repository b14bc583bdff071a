/** Catalog-wide rules: every check is documented, tested and registered, and its doc examples really behave. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_CHECKS } from '../../checks/index.js';
import { findingsOf } from '../harness/check-tester.js';

const checksDir = join(process.cwd(), 'checks');
const files = readdirSync(checksDir, { recursive: true, encoding: 'utf8' });
const locate = (name: string): string | undefined => files.find((f) => f.split('/').pop() === name);

/** The rules the core issue promises on plain policy files. */
const POLICY_LEVEL_RULES = [
  'admin-access', 'wildcard-action', 'wildcard-resource', 'not-action-allow', 'not-resource-allow', 'not-principal-allow',
  'privilege-escalation', 'pass-role-wildcard', 'data-exfiltration', 'credentials-exposure', 'mfa-deny-bool-condition',
  'policy-syntax', 'unknown-action', 'invalid-condition', 'action-resource-mismatch', 'principal-in-identity-policy', 'parse-error',
];

/** Rules this project adds to the catalog (RULES.md allows additions; renames need an issue). */
const PROJECT_RULES = ['unused-suppression'];

const rulesMd = existsSync(join(process.cwd(), '../shared/RULES.md')) ? readFileSync(join(process.cwd(), '../shared/RULES.md'), 'utf8') : undefined;

/** The file an example block is linted as, by the block's language. */
const EXAMPLE_FILE: Record<string, string> = { json: 'policy.json', yaml: 'template.yaml', hcl: 'main.tf', ts: 'stack.ts' };

/** The first fenced block labelled `<lang> <label>` in a rule doc, as an in-memory project. */
function exampleBlock(doc: string, label: 'incorrect' | 'correct'): Record<string, string> | undefined {
  const m = new RegExp('```(\\w+) ' + label + '\\n([\\s\\S]*?)```').exec(doc);
  const file = m && EXAMPLE_FILE[m[1] as string];
  return file ? { [file]: m[2] as string } : undefined;
}

describe('check catalog', () => {
  it('registers every policy-level rule of the core issue', () => {
    const ids = ALL_CHECKS.map((c) => c.meta.id);
    expect(POLICY_LEVEL_RULES.filter((id) => !ids.includes(id))).toEqual([]);
  });

  it('has unique ids, sorted', () => {
    const ids = ALL_CHECKS.map((c) => c.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  (rulesMd ? it : it.skip)('uses only ids and default severities of the rule catalog', () => {
    for (const c of ALL_CHECKS) {
      if (PROJECT_RULES.includes(c.meta.id)) continue;
      const row = new RegExp('\\| `' + c.meta.id + '` \\| (\\w+) \\|').exec(rulesMd ?? '');
      expect([c.meta.id, row?.[1]]).toEqual([c.meta.id, c.meta.severity]);
    }
  });

  for (const check of ALL_CHECKS) {
    const id = check.meta.id;
    describe(id, () => {
      it('has a description that starts with Disallow or Require and no trailing period', () => {
        expect(check.meta.description).toMatch(/^(Disallow|Require) .*[^.]$/);
      });
      it('sits in a file named after it, with its doc and tests beside it', () => {
        const src = locate(`${id}.ts`);
        expect(src).toBeDefined();
        const base = (src as string).replace(/\.ts$/, '');
        expect(files).toContain(`${base}.md`);
        expect(files).toContain(`${base}.test.ts`);
      });
      it('has the doc sections, and its examples behave as the doc says', async () => {
        const doc = readFileSync(join(checksDir, (locate(`${id}.md`) as string)), 'utf8');
        expect(doc.startsWith(`# ${id}\n`)).toBe(true);
        for (const section of ['## What it does', '## Why is this bad', '## Example', '## Use instead']) expect(doc).toContain(section);
        if (id === 'parse-error') return; // its "incorrect" example is not JSON by design
        const incorrect = exampleBlock(doc, 'incorrect');
        const correct = exampleBlock(doc, 'correct');
        expect(incorrect).toBeDefined();
        expect(correct).toBeDefined();
        const bad = await findingsOf(check, { name: 'doc example', files: incorrect as Record<string, string> });
        const good = await findingsOf(check, { name: 'doc fix', files: correct as Record<string, string> });
        expect(bad.length).toBeGreaterThan(0);
        expect(good.map((f) => f.message)).toEqual([]);
      });
    });
  }
});
