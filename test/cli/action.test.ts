import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { packageRoot } from '../../src/package-root.js';

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const root = packageRoot();
const action = parseYaml(readFileSync(join(root, 'action.yml'), 'utf8')) as Action;

describe('GitHub Action', () => {
  it('is a composite action with the documented inputs', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['paths', 'fail-on', 'sarif-file', 'changed-since']));
    expect(action.inputs['fail-on']?.default).toBe('low');
    expect(action.runs.steps[0]?.uses).toMatch(/^actions\/setup-node@/);
    expect(action.outputs['sarif-file']?.value).toContain('steps.lint.outputs.sarif-file');
  });

  it('its lint step runs iamlint with the inputs, writes SARIF and sets the output', () => {
    const step = action.runs.steps.find((s) => s.id === 'lint')!;
    const dir = mkdtempSync(join(tmpdir(), 'iamlint-action-'));
    const output = join(dir, 'github-output');
    const summary = join(dir, 'summary.md');
    writeFileSync(output, '');
    const env = {
      ...process.env,
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summary,
      IAMLINT_PATHS: 'examples/policies/typos.json\n  examples/policies/mfa-guard.json',
      IAMLINT_FAIL_ON: 'none',
      IAMLINT_SARIF: join(dir, 'out.sarif'),
      IAMLINT_CHANGED_SINCE: '',
      IAMLINT_BIN: join(root, 'bin/iamlint.js'),
    };
    const r = spawnSync('bash', ['-e', '-c', step.run!], { cwd: root, env, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^::warning file=examples\/policies\/mfa-guard\.json,/m);
    expect(readFileSync(output, 'utf8')).toBe(`sarif-file=${join(dir, 'out.sarif')}\n`);
    const log = JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const uris = new Set(log.runs[0]!.results.map((x) => x.locations[0]!.physicalLocation.artifactLocation.uri));
    expect(uris).toEqual(new Set(['examples/policies/typos.json', 'examples/policies/mfa-guard.json']));
    expect(readFileSync(summary, 'utf8')).toContain('### iamlint:');

    // fail-on none never fails; fail-on info fails on any finding.
    expect(spawnSync('bash', ['-e', '-c', step.run!], { cwd: root, env: { ...env, IAMLINT_FAIL_ON: 'info' } }).status).toBe(1);
  });

  it('the example workflow uploads the SARIF file the action writes', () => {
    const wf = parseYaml(readFileSync(join(root, 'examples/github-workflow.yml'), 'utf8')) as { jobs: Record<string, { steps: (Step & { with?: Record<string, string> })[] }> };
    const steps = Object.values(wf.jobs)[0]!.steps;
    const lint = steps.find((s) => s.uses?.startsWith('iamlint/iamlint@'))!;
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload.with?.['sarif_file']).toBe(lint.with?.['sarif-file']);
  });
});
