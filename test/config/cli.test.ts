/** The configuration as the CLI uses it: discovery, precedence of the command line, rules, options, ignores, exit codes. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCliArgs } from '../../src/cli/args.js';
import { main, prepare, type CliIo } from '../../src/cli/main.js';

const ADMIN = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, null, 2);
const TRUST = JSON.stringify(
  { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'sts:AssumeRole' }] },
  null,
  2,
);

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'iamlint-cfgcli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const io = (cwd: string, sink: { out: string; err: string }): CliIo => ({
  cwd,
  stdout: (s) => (sink.out += s),
  stderr: (s) => (sink.err += s),
  readStdin: () => '',
  isTty: false,
  env: {},
});

async function run(argv: string[], cwd: string): Promise<{ code: number; out: string; err: string; rules: string[] }> {
  const sink = { out: '', err: '' };
  const code = await main(argv, io(cwd, sink));
  let rules: string[] = [];
  try {
    rules = (JSON.parse(sink.out) as { findings: { ruleId: string; file: string; severity: string }[] }).findings.map((f) => `${f.file} ${f.ruleId} ${f.severity}`);
  } catch {
    // not JSON
  }
  return { code, ...sink, rules };
}

describe('the configuration in the CLI', () => {
  it('is found upward from the linted path: rules off, severities, options', async () => {
    const dir = project({
      'infra/.iamlint.yml': [
        'rules:',
        '  wildcard-action: off',
        '  admin-access: medium',
        '  trust-cross-account-no-external-id:',
        "    options: { trustedAccounts: ['111111111111'] }",
        '',
      ].join('\n'),
      'infra/policies/admin.json': ADMIN,
      'infra/policies/trust.json': TRUST,
    });
    const r = await run(['-f', 'json', 'infra/policies'], dir);
    expect(r.rules).toContain('infra/policies/admin.json admin-access medium');
    expect(r.rules.filter((x) => x.includes('wildcard-action') || x.includes('trust-cross-account'))).toEqual([]);
    // Without the configuration both fire.
    const bare = await run(['-f', 'json', '--no-config', 'infra/policies'], dir);
    expect(bare.rules).toContain('infra/policies/admin.json admin-access critical');
    expect(bare.rules).toContain('infra/policies/trust.json trust-cross-account-no-external-id medium');
  });

  it('--config names a file anywhere; the command line wins over it', async () => {
    const dir = project({ 'cfg/strict.yml': 'failOn: none\nformat: json\n', 'admin.json': ADMIN });
    const fromConfig = await run(['--config', 'cfg/strict.yml', '.'], dir);
    expect(fromConfig.code).toBe(0); // failOn: none
    expect(fromConfig.rules.length).toBeGreaterThan(0); // format: json
    const cli = await run(['--config', 'cfg/strict.yml', '--fail-on', 'high', '--format', 'stylish', '.'], dir);
    expect(cli.code).toBe(1);
    expect(cli.out).toMatch(/✖ \d+ problems/);
  });

  it('ignore globs are relative to the configuration and apply to files named on the command line', async () => {
    const dir = project({
      '.iamlint.yml': 'ignore: ["fixtures/**", "*.generated.json", "legacy/", "./old"]\nformat: json\n',
      'fixtures/admin.json': ADMIN,
      'a.generated.json': ADMIN,
      'legacy/deep/admin.json': ADMIN,
      'old/admin.json': ADMIN,
      'sub/admin.json': ADMIN,
    });
    expect((await run(['.'], dir)).rules.every((x) => x.startsWith('sub/admin.json'))).toBe(true);
    expect((await run(['fixtures/admin.json'], dir)).rules).toEqual([]);
    // From a subfolder, the same configuration (found upward) still ignores by its own folder.
    expect((await run(['.'], join(dir, 'fixtures'))).rules).toEqual([]);
  });

  it('a configuration error exits 2 and names the file, line and column', async () => {
    const dir = project({ '.iamlint.yml': 'rules:\n  admin-access: off\nfailon: high\n', 'admin.json': ADMIN });
    const r = await run(['.'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('iamlint: .iamlint.yml:3:1: unknown key "failon" in the top level');
    const unknownRule = project({ '.iamlint.json': '{\n  "rules": { "admin-acces": "off" }\n}\n' });
    const u = await run(['.'], unknownRule);
    expect(u.code).toBe(2);
    expect(u.err).toContain('iamlint: .iamlint.json:2:14: unknown rule "admin-acces" (did you mean "admin-access"?)');
    const missing = await run(['--config', 'nope.yml', '.'], unknownRule);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('nope.yml:1:1: cannot read the configuration');
  });

  it('--list-rules and --explain work with a configuration too', async () => {
    const dir = project({ '.iamlint.yml': 'rules: { admin-access: off }\n' });
    const r = await run(['--list-rules'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain('unused-suppression');
    expect((await run(['--explain', 'unused-suppression'], dir)).out).toContain('# unused-suppression');
  });

  it('Terraform variables and CloudFormation parameters reach the lint options (the command line wins)', async () => {
    const dir = project({
      '.iamlint.yml': 'varFiles: [env/prod.tfvars]\nvars: { region: eu-west-1, count: 2 }\nparameters: { Env: prod, Subnets: [a, b] }\n',
      'env/prod.tfvars': 'x = 1\n',
      'local.tfvars': 'y = 2\n',
    });
    const setup = await prepare(parseCliArgs(['--var-file', 'local.tfvars', '--var', 'region=us-east-1', '--parameter', 'Env=dev', '.']), io(dir, { out: '', err: '' }));
    expect(setup.lint.terraform).toEqual({ varFiles: [join(dir, 'env/prod.tfvars'), join(dir, 'local.tfvars')], vars: { region: 'us-east-1', count: 2 } });
    expect(setup.lint.cloudformation).toEqual({ parameters: { Env: 'dev', Subnets: ['a', 'b'] } });
    const bad = project({ '.iamlint.yml': 'varFiles: [missing.tfvars]\n' });
    expect((await run(['.'], bad)).err).toContain('.iamlint.yml:1:12: "missing.tfvars" does not exist');
    expect((await run(['--var', 'novalue', '.'], bad)).err).toContain('--var needs NAME=VALUE');
  });

  it('the configuration file itself is not linted', async () => {
    const dir = project({ '.iamlint.json': '{ "format": "json" }', 'iamlint.config.json': '{}' });
    const r = await run(['.'], dir);
    expect(JSON.parse(r.out).summary.files).toBe(0);
  });
});
