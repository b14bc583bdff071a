/** The configuration file: discovery, validation with file:line:column errors, rule ids and options, the shipped schema. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_CHECKS } from '../../checks/index.js';
import { checkRuleIds, commonFolder, ConfigError, findConfigFile, loadConfigFile, requireExisting } from '../../src/engine/config.js';
import { configReference, REFERENCE_END, REFERENCE_START } from '../../src/engine/config-reference.js';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'iamlint-config-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** The problems of loading a configuration, as `line:column message`. */
async function problems(name: string, text: string): Promise<string[]> {
  const dir = project({ [name]: text });
  try {
    await loadConfigFile(join(dir, name), name);
    return [];
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return e.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`);
  }
}

const lines = (...ls: string[]): string => ls.join('\n') + '\n';
const known = new Set(ALL_CHECKS.map((c) => c.meta.id));

describe('finding the configuration', () => {
  it('the nearest file above the linted path wins; names are looked for in order', () => {
    const dir = project({
      '.iamlint.yml': 'rules: {}\n',
      'infra/iamlint.config.json': '{}',
      'infra/.iamlint.json': '{}',
      'infra/deep/x.json': '{}',
      'other/y.json': '{}',
    });
    expect(findConfigFile(join(dir, 'infra/deep/x.json'))).toBe(join(dir, 'infra/.iamlint.json'));
    expect(findConfigFile(join(dir, 'infra/deep'))).toBe(join(dir, 'infra/.iamlint.json'));
    expect(findConfigFile(join(dir, 'other'))).toBe(join(dir, '.iamlint.yml'));
  });

  it('several paths start from their common folder', () => {
    const dir = project({ 'a/b/x.json': '{}', 'a/c/y.json': '{}' });
    expect(commonFolder(['a/b/x.json', 'a/c'], dir)).toBe(join(dir, 'a'));
    expect(commonFolder(['a/b/x.json'], dir)).toBe(join(dir, 'a/b'));
    expect(commonFolder(['.'], dir)).toBe(dir);
  });
});

describe('loading and validating', () => {
  it('reads a valid YAML configuration', async () => {
    const dir = project({
      '.iamlint.yml': lines(
        'rules:',
        '  wildcard-resource: off',
        '  admin-access: { severity: high }',
        '  trust-cross-account-no-external-id:',
        '    options:',
        "      trustedAccounts: ['111111111111']",
        'ignore: [fixtures/**]',
        'failOn: medium',
        'format: json',
        'varFiles: [prod.tfvars]',
        'vars: { region: eu-west-1, replicas: 3 }',
        'parameters: { Env: prod, Subnets: [a, b] }',
        'customRules: [rules/]',
        'baseline: .iamlint-baseline.json',
        'suppressions: { inline: true, requireExpiry: true, maxExpiryDays: 90, forbid: [admin-access] }',
      ),
    });
    const loaded = await loadConfigFile(join(dir, '.iamlint.yml'));
    expect(loaded.dir).toBe(dir);
    expect(loaded.config).toEqual({
      rules: { 'wildcard-resource': 'off', 'admin-access': { severity: 'high' }, 'trust-cross-account-no-external-id': { options: { trustedAccounts: ['111111111111'] } } },
      ignore: ['fixtures/**'],
      failOn: 'medium',
      format: 'json',
      varFiles: ['prod.tfvars'],
      vars: { region: 'eu-west-1', replicas: 3 },
      parameters: { Env: 'prod', Subnets: ['a', 'b'] },
      customRules: ['rules/'],
      baseline: '.iamlint-baseline.json',
      suppressions: { inline: true, requireExpiry: true, maxExpiryDays: 90, forbid: ['admin-access'] },
    });
    expect(() => checkRuleIds(loaded, known)).not.toThrow();
  });

  it('an unknown key: a clear error with file, line and column, and the keys allowed', async () => {
    expect(await problems('.iamlint.yml', lines('rules: {}', 'failon: high'))).toEqual([
      '.iamlint.yml:2:1 unknown key "failon" in the top level (allowed: rules, ignore, failOn, format, varFiles, vars, parameters, customRules, baseline, suppressions)',
    ]);
    expect(await problems('.iamlint.yml', lines('suppressions:', '  inline: false', '  maxExpiry: 3'))).toEqual([
      '.iamlint.yml:3:3 unknown key "maxExpiry" in "suppressions" (allowed: inline, requireExpiry, maxExpiryDays, forbid)',
    ]);
  });

  it('wrong values point at the value', async () => {
    expect(
      await problems(
        '.iamlint.yml',
        lines('rules:', '  admin-access: hihg', '  wildcard-action:', '    severity: 3', 'failOn: never', 'ignore: docs/**', 'suppressions:', '  maxExpiryDays: 0'),
      ),
    ).toEqual([
      '.iamlint.yml:2:17 "rules.admin-access" is "hihg"; expected one of: off, critical, high, medium, low, info',
      '.iamlint.yml:4:15 "rules.wildcard-action.severity" is 3; expected one of: off, critical, high, medium, low, info',
      '.iamlint.yml:5:9 "failOn" is "never"; expected one of: critical, high, medium, low, info, none',
      '.iamlint.yml:6:9 "ignore" must be an array, not "docs/**"',
      '.iamlint.yml:8:18 "suppressions.maxExpiryDays" must be >= 1',
    ]);
  });

  it('rule options are validated with the schema each check declares', async () => {
    expect(
      await problems(
        '.iamlint.yml',
        lines(
          'rules:',
          '  trust-cross-account-no-external-id:',
          '    options:',
          '      trustedAccounts: [111111111111, "12345"]',
          '  resource-policy-public:',
          '    options: { allowedPrincipals: "*" }',
          '  password-policy-weak:',
          '    options: { minimumLength: 4, maxAge: 90 }',
          '  admin-access:',
          '    options: { anything: true }',
        ),
      ),
    ).toEqual([
      '.iamlint.yml:4:25 "rules.trust-cross-account-no-external-id.options.trustedAccounts.0" must be a string (quote it: YAML reads digits as a number), not 111111111111',
      '.iamlint.yml:4:39 "rules.trust-cross-account-no-external-id.options.trustedAccounts.1" is "12345", which does not match ^[0-9]{12}$',
      '.iamlint.yml:6:35 "rules.resource-policy-public.options.allowedPrincipals" must be an array, not "*"',
      '.iamlint.yml:8:31 "rules.password-policy-weak.options.minimumLength" must be >= 6',
      '.iamlint.yml:8:34 unknown key "maxAge" in "rules.password-policy-weak.options" (allowed: minimumLength, maxAgeDays, reusePrevention)',
      '.iamlint.yml:10:16 unknown key "anything" in "rules.admin-access.options"',
    ]);
  });

  it('JSON configurations have positions too', async () => {
    expect(await problems('.iamlint.json', '{\n  "rules": {\n    "admin-access": "hihg"\n  },\n  "x": 1\n}\n')).toEqual([
      '.iamlint.json:3:21 "rules.admin-access" is "hihg"; expected one of: off, critical, high, medium, low, info',
      '.iamlint.json:5:3 unknown key "x" in the top level (allowed: rules, ignore, failOn, format, varFiles, vars, parameters, customRules, baseline, suppressions)',
    ]);
    expect(await problems('iamlint.config.json', '{ "rules": { "a": "off", } }')).toEqual(['iamlint.config.json:1:26 syntax error: trailing comma']);
  });

  it('syntax errors name the line', async () => {
    const [p] = await problems('.iamlint.yml', lines('rules:', '  admin-access: off', ' wildcard-action: off'));
    expect(p).toMatch(/^\.iamlint\.yml:3:\d+ syntax error: /);
  });

  it('an empty file is an empty configuration; a list is not a configuration', async () => {
    expect(await problems('.iamlint.yml', '# nothing yet\n')).toEqual([]);
    expect(await problems('.iamlint.yml', '- a\n')).toEqual(['.iamlint.yml:1:1 the top level must be an object, not a list']);
  });

  it('unknown rule ids (in rules and in suppressions.forbid) with a suggestion', async () => {
    const dir = project({ '.iamlint.yml': lines('rules:', '  wildcard-resorce: off', '  no-such-rule-at-all: high', 'suppressions:', '  forbid: [admin-acess]') });
    const loaded = await loadConfigFile(join(dir, '.iamlint.yml'), '.iamlint.yml');
    expect(() => checkRuleIds(loaded, known)).toThrow(ConfigError);
    try {
      checkRuleIds(loaded, known);
    } catch (e) {
      expect((e as ConfigError).problems.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([
        '2:3 unknown rule "wildcard-resorce" (did you mean "wildcard-resource"?); --list-rules shows them all',
        '3:3 unknown rule "no-such-rule-at-all"; --list-rules shows them all',
        '5:12 unknown rule "admin-acess" (did you mean "admin-access"?); --list-rules shows them all',
      ]);
    }
  });

  it('files the configuration names must exist', async () => {
    const dir = project({ '.iamlint.yml': lines('varFiles:', '  - prod.tfvars', '  - missing.tfvars'), 'prod.tfvars': 'a = 1\n' });
    const loaded = await loadConfigFile(join(dir, '.iamlint.yml'), '.iamlint.yml');
    expect(() => requireExisting(loaded, 'varFiles')).toThrow('.iamlint.yml:3:5: "missing.tfvars" does not exist');
  });
});

describe('the shipped schema', () => {
  const schema = JSON.parse(readFileSync(join(process.cwd(), 'schema/iamlint.schema.json'), 'utf8')) as {
    properties: { rules: { properties: Record<string, { description: string; else?: { properties: { options: unknown } } }> } };
  };

  it('lists every rule with its description, and the options schema of the rules that have options', () => {
    const rules = schema.properties.rules.properties;
    expect(Object.keys(rules)).toEqual(ALL_CHECKS.map((c) => c.meta.id));
    for (const c of ALL_CHECKS) {
      expect(rules[c.meta.id]?.description).toBe(`${c.meta.description} (default: ${c.meta.severity})`);
      if (c.meta.optionsSchema) expect(rules[c.meta.id]?.else?.properties.options).toEqual(c.meta.optionsSchema);
    }
  });

  it('every check with default options declares their schema, and the defaults pass it', async () => {
    for (const c of ALL_CHECKS) {
      const keys = Object.keys(c.defaultOptions as object);
      if (keys.length === 0) continue;
      expect([c.meta.id, Object.keys((c.meta.optionsSchema?.['properties'] as object | undefined) ?? {}).sort()]).toEqual([c.meta.id, keys.sort()]);
      const text = `rules:\n  ${c.meta.id}:\n    options: ${JSON.stringify(c.defaultOptions)}\n`;
      expect(await problems('.iamlint.yml', text)).toEqual([]);
    }
  });

  it('the README configuration reference is generated from it and up to date', () => {
    const readme = readFileSync(join(process.cwd(), 'README.md'), 'utf8');
    const start = readme.indexOf(REFERENCE_START);
    const end = readme.indexOf(REFERENCE_END);
    expect(start).toBeGreaterThan(0);
    expect(readme.slice(start + REFERENCE_START.length, end).trim()).toBe(configReference(schema).trim());
  });
});
