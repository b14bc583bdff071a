/**
 * The bundled examples are projects with deliberate mistakes: each folder's expect.json says what must and must not
 * be found (the conformance corpus's format), so the examples cannot drift from what iamlint reports.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_CHECKS } from '../checks/index.js';
import { lintPaths } from '../src/engine/lint.js';

interface Expectation {
  rule: string;
  resource: string;
  expect: 'present' | 'absent';
  line?: number;
}

const root = join(process.cwd(), 'examples');
const projects = readdirSync(root).filter((d) => existsSync(join(root, d, 'expect.json')));

describe('bundled examples', () => {
  it('has examples for every input format', () => {
    expect(projects).toEqual(expect.arrayContaining(['policies', 'cloudformation', 'sam-app', 'terraform']));
  });

  for (const project of projects) {
    it(`${project}: every expectation of expect.json holds`, async () => {
      const dir = join(root, project);
      const { findings } = await lintPaths([dir], { root: dir, checks: ALL_CHECKS });
      const expectations = (JSON.parse(readFileSync(join(dir, 'expect.json'), 'utf8')) as { findings: Expectation[] }).findings;
      const unmet = expectations.filter((e) => {
        const hits = findings.filter((f) => f.ruleId === e.rule && f.resource === e.resource);
        if (e.expect === 'absent') return hits.length > 0;
        return hits.length === 0 || (e.line !== undefined && !hits.some((f) => f.line <= (e.line as number) && (e.line as number) <= f.endLine));
      });
      expect(unmet).toEqual([]);
    }, 60_000);
  }
});
