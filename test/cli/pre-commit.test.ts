import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ALL_CHECKS } from '../../checks/index.js';
import { terraformCompanions } from '../../src/engine/companions.js';
import { lintPaths, lintText } from '../../src/engine/lint.js';
import { packageRoot } from '../../src/package-root.js';
import { fakeFormat } from './fake-format.js';

const ADMIN = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, null, 2);
const WILD = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b/*' }] }, null, 2);

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'iamlint-precommit-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  types_or: string[];
  files: string;
  exclude: string;
  require_serial: boolean;
  pass_filenames?: boolean;
}

describe('pre-commit', () => {
  const hooks = parseYaml(readFileSync(join(packageRoot(), '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
  const hook = hooks.find((h) => h.id === 'iamlint')!;

  it('the manifest declares a node hook over the file types iamlint reads', () => {
    expect(hook).toMatchObject({ id: 'iamlint', name: 'iamlint', entry: 'iamlint', language: 'node', require_serial: true });
    expect(hook.types_or).toEqual(['terraform', 'yaml', 'json', 'ts']);
    expect(hook.pass_filenames).not.toBe(false);
    // pre-commit applies `files` and `exclude` with Python's re.search; these patterns mean the same in JS.
    const files = new RegExp(hook.files);
    const exclude = new RegExp(hook.exclude);
    const picked = (p: string): boolean => files.test(p) && !exclude.test(p);
    for (const p of ['main.tf', 'env/prod.tfvars', 'x.tf.json', 'template.yaml', 'stack.yml', 'policies/p.json', 'lib/stack.ts']) expect(picked(p)).toBe(true);
    for (const p of ['README.md', 'package.json', 'web/package-lock.json', 'tsconfig.build.json', 'node_modules/x/p.json', '.terraform/modules/m/main.tf']) {
      expect(picked(p)).toBe(false);
    }
    // The entry is the package's bin.
    expect(JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')).bin.iamlint).toBe('bin/iamlint.js');
  });

  it('the entry, given two staged files, reports on those two only', () => {
    const dir = project({ 'a.json': ADMIN, 'sub/b.json': WILD, 'c.json': ADMIN });
    const bin = join(packageRoot(), 'bin/iamlint.js');
    // As pre-commit runs it: the entry with the matching staged files appended, PRE_COMMIT=1 in the environment.
    const r = spawnSync(process.execPath, [bin, '--format', 'json', 'a.json', 'sub/b.json'], { cwd: dir, encoding: 'utf8', env: { ...process.env, PRE_COMMIT: '1' } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const files = new Set((JSON.parse(r.stdout) as { findings: { file: string }[] }).findings.map((f) => f.file));
    expect(files).toEqual(new Set(['a.json', 'sub/b.json']));

    const clean = spawnSync(process.execPath, [bin, 'sub/b.json', '--fail-on', 'critical'], { cwd: dir, encoding: 'utf8' });
    expect(clean.status).toBe(0);
  });

  it('a named file is evaluated with its companions, and only its own findings are reported', async () => {
    const calls = { companions: [] as string[], units: [] as string[][] };
    const dir = project({
      'mod/main.fake': 'USE bucket\nUSE missing\n',
      'mod/defs.fake': 'DEFINE bucket\n',
      'mod/other.fake': 'USE nothing\n',
      'elsewhere/x.fake': 'USE nothing\n',
    });
    const opts = { root: dir, checks: ALL_CHECKS, formats: [fakeFormat(calls)] };

    const one = await lintPaths(['mod/main.fake'], opts);
    expect(calls.units).toEqual([['mod/defs.fake', 'mod/main.fake', 'mod/other.fake']]);
    expect(one.findings.map((f) => `${f.file}:${f.line} ${f.message}`)).toEqual([
      'mod/main.fake:2 Cannot parse the file here: "missing" is not defined; IAM written in the unreadable part is not checked.',
    ]);
    expect(one.files).toBe(1);

    // Both files named: both reported, the unit read once.
    calls.units.length = 0;
    const two = await lintPaths(['mod/main.fake', 'mod/other.fake'], opts);
    expect(calls.units).toEqual([['mod/defs.fake', 'mod/main.fake', 'mod/other.fake']]);
    expect(two.findings.map((f) => f.file)).toEqual(['mod/main.fake', 'mod/other.fake']);

    // A folder: everything in it, companions not consulted.
    calls.companions.length = 0;
    const folder = await lintPaths(['mod'], opts);
    expect(calls.companions).toEqual([]);
    expect(folder.findings.map((f) => f.file)).toEqual(['mod/main.fake', 'mod/other.fake']);

    // An editor buffer or stdin: the named text over the disk, the rest of the unit from disk.
    const buffer = await lintText('USE bucket\nUSE nothing\nUSE later\nDEFINE later\n', 'mod/main.fake', opts);
    expect(buffer.findings.map((f) => `${f.file}:${f.line}`)).toEqual(['mod/main.fake:2']);
  });

  it('a Terraform file\'s companions are the configuration and variable files of its folder', () => {
    const dir = project({
      'infra/main.tf': '',
      'infra/iam.tf.json': '{}',
      'infra/terraform.tfvars': '',
      'infra/prod.auto.tfvars': '',
      'infra/dev.tfvars.json': '{}',
      'infra/README.md': '',
      'infra/policy.json': '{}',
      'infra/modules/x/main.tf': '',
    });
    const names = terraformCompanions(join(dir, 'infra/main.tf')).map((p) => p.slice(dir.length + 1)).sort();
    expect(names).toEqual(['infra/dev.tfvars.json', 'infra/iam.tf.json', 'infra/main.tf', 'infra/prod.auto.tfvars', 'infra/terraform.tfvars']);
  });
});
