import { describe, expect, it } from '@jest/globals';
import { parseLocatedJson } from '../../parsers/shared/json.js';
import { runChecks } from '../../src/engine/run-checks.js';
import { buildPolicyDocument } from '../../src/model/build-policy.js';
import type { Located, TemplatePart } from '../../src/model/located.js';
import { emptyModel } from '../../src/model/model.js';
import { checkCases } from '../../test/harness/check-tester.js';
import check from './trust-oidc-unscoped.js';

/** One statement per line after the header: line 3 is the first statement. */
const policy = (...statements: string[]): string =>
  ['{', '  "Version": "2012-10-17", "Statement": [', statements.map((s) => `    ${s}`).join(',\n'), '  ]', '}'].join('\n');

const GH = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';
const web = (federated: string, condition = ''): string =>
  `{"Effect": "Allow", "Principal": {"Federated": "${federated}"}, "Action": "sts:AssumeRoleWithWebIdentity"${condition ? `, "Condition": ${condition}` : ''}}`;
const AUD = '"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"';

checkCases(check, {
  valid: [
    { name: 'sub pinned to a branch', files: { 'policy.json': policy(web(GH, `{"StringEquals": {${AUD}, "token.actions.githubusercontent.com:sub": "repo:my-org/my-repo:ref:refs/heads/main"}}`)) } },
    { name: 'sub pinned to a repository with StringLike', files: { 'policy.json': policy(web(GH, '{"StringLike": {"token.actions.githubusercontent.com:sub": "repo:my-org/my-repo:*"}}')) } },
    { name: 'sub scoped to one organization (repo:org/*)', files: { 'policy.json': policy(web(GH, '{"StringLike": {"token.actions.githubusercontent.com:sub": "repo:my-org/*"}}')) } },
    {
      name: 'an issuer-specific key (token.actions.githubusercontent.com/github-org:sub)',
      files: { 'policy.json': policy(web(GH, '{"StringEquals": {"token.actions.githubusercontent.com/github-org:sub": "repo:my-org/app:ref:refs/heads/main"}}')) },
    },
    {
      name: 'a wildcard under StringEquals is matched literally (invalid-condition territory)',
      files: { 'policy.json': policy(web(GH, '{"StringEquals": {"token.actions.githubusercontent.com:sub": "repo:*"}}')) },
    },
    {
      name: 'Cognito with aud and amr',
      files: {
        'policy.json': policy(
          web('cognito-identity.amazonaws.com', '{"StringEquals": {"cognito-identity.amazonaws.com:aud": "us-east-1:12345678-abcd-abcd-abcd-123456789012"}, "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"}}'),
        ),
      },
    },
    {
      name: 'EKS pinned to a service account, GitLab and HCP Terraform pinned to a project',
      files: {
        'policy.json': policy(
          web('arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123', '{"StringEquals": {"oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF0123:sub": "system:serviceaccount:payments:api"}}'),
          web('arn:aws:iam::111122223333:oidc-provider/gitlab.com', '{"StringLike": {"gitlab.com:sub": "project_path:my-group/my-project:ref_type:branch:ref:main"}}'),
          web('arn:aws:iam::111122223333:oidc-provider/app.terraform.io', '{"StringLike": {"app.terraform.io:sub": "organization:my-org:project:infra:workspace:*:run_phase:*"}}'),
        ),
      },
    },
    {
      name: 'an EKS namespace wildcard scopes to one namespace',
      files: { 'policy.json': policy(web('arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC', '{"StringLike": {"oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub": "system:serviceaccount:payments:*"}}')) },
    },
    { name: 'a provider whose URL already names the tenant (not in the list)', files: { 'policy.json': policy(web('arn:aws:iam::111122223333:oidc-provider/oidc.circleci.com/org/1234')) } },
    { name: 'a SAML federation', files: { 'policy.json': policy('{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/corp"}, "Action": "sts:AssumeRoleWithSAML"}') } },
    { name: 'a Deny', files: { 'policy.json': policy(`{"Effect": "Deny", "Principal": {"Federated": "${GH}"}, "Action": "sts:AssumeRoleWithWebIdentity"}`) } },
    {
      name: 'a statement whose literal actions cannot assume with a web identity',
      files: { 'policy.json': policy(`{"Effect": "Allow", "Principal": {"Federated": "${GH}"}, "Action": "sts:TagSession"}`) },
    },
  ],
  invalid: [
    {
      name: 'no condition at all points at Principal',
      files: { 'policy.json': policy(web(GH)) },
      errors: [{ resource: 'policy.json', messageId: 'missingClaim', line: 3, column: 25, endColumn: 25 + `"Principal": {"Federated": "${GH}"}`.length, message: 'no condition on the token "sub" claim, so every workflow of every GitHub repository' }],
    },
    {
      name: 'only an aud condition',
      files: { 'policy.json': policy(web(GH, `{"StringEquals": {${AUD}}}`)) },
      errors: [{ resource: 'policy.json', messageId: 'missingClaim', line: 3 }],
    },
    {
      name: 'sub wildcarded to the whole provider points at the condition',
      files: {
        'policy.json': policy(
          web(GH, '{"StringLike": {"token.actions.githubusercontent.com:sub": "repo:*"}}'),
          web(GH, '{"StringLike": {"token.actions.githubusercontent.com:sub": ["repo:my-org/app:*", "*"]}}'),
          web(GH, '{"StringLike": {"token.actions.githubusercontent.com:sub": "repo:my-org*"}}'),
        ),
      },
      errors: [
        { resource: 'policy.json', messageId: 'wildcardClaim', line: 3, column: policy(web(GH, '{"StringLike": {"token.actions.githubusercontent.com:sub": "repo:*"}}')).split('\n')[2]!.indexOf('"token.actions.githubusercontent.com:sub"') + 1, message: 'lets "token.actions.githubusercontent.com:sub" match "repo:*"' },
        { resource: 'policy.json', messageId: 'wildcardClaim', line: 4, message: 'match "*"' },
        { resource: 'policy.json', messageId: 'wildcardClaim', line: 5, message: 'match "repo:my-org*"' },
      ],
    },
    {
      name: 'a negated sub condition does not pin',
      files: { 'policy.json': policy(web(GH, '{"StringNotLike": {"token.actions.githubusercontent.com:sub": "repo:evil/*"}}')) },
      errors: [{ resource: 'policy.json', messageId: 'missingClaim', line: 3 }],
    },
    {
      name: 'EKS with a condition on another key, GitLab self-managed, HCP Terraform with organization:*, Cognito without aud',
      files: {
        'policy.json': policy(
          web('arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/123456', '{"StringEquals": {"clusterID": "1234"}}'),
          web('arn:aws:iam::111122223333:oidc-provider/gitlab.example.com', '{"StringEquals": {"gitlab.example.com:aud": "https://gitlab.example.com"}}'),
          web('arn:aws:iam::111122223333:oidc-provider/app.terraform.io', '{"StringLike": {"app.terraform.io:sub": "organization:*"}}'),
          web('cognito-identity.amazonaws.com'),
          web('arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/123456', '{"StringLike": {"oidc.eks.us-east-1.amazonaws.com/id/123456:sub": "system:serviceaccount:*"}}'),
        ),
      },
      errors: [
        { resource: 'policy.json', messageId: 'missingClaim', line: 3, message: 'every pod of the cluster' },
        { resource: 'policy.json', messageId: 'missingClaim', line: 4, message: 'every CI job of every project on that GitLab instance' },
        { resource: 'policy.json', messageId: 'wildcardClaim', line: 5, message: 'every run of every HCP Terraform organization' },
        { resource: 'policy.json', messageId: 'missingClaim', line: 6, message: 'the token "sub" or "aud" or "amr" claim' },
        { resource: 'policy.json', messageId: 'wildcardClaim', line: 7, message: 'system:serviceaccount:my-namespace:my-service-account' },
      ],
    },
    {
      name: 'a statement without Action (a misspelled attribute) is judged by its Federated principal',
      files: { 'policy.json': policy(`{"Effect": "Allow", "Principal": {"Federated": "${GH}"}}`) },
      errors: [{ resource: 'policy.json', messageId: 'missingClaim', line: 3 }],
    },
    {
      name: 'sts:* covers the web identity assumption',
      files: { 'policy.json': policy(`{"Effect": "Allow", "Principal": {"Federated": "${GH}"}, "Action": "sts:*"}`) },
      errors: [{ resource: 'policy.json', messageId: 'missingClaim', line: 3 }],
    },
  ],
});

// ---- references to OIDC provider resources and templates, as the IaC parsers produce them -----------------

function withUnknowns(v: Located): Located {
  if (v.kind === 'object') return { ...v, entries: v.entries.map((e) => ({ ...e, value: withUnknowns(e.value) })) };
  if (v.kind === 'array') return { ...v, items: v.items.map(withUnknowns) };
  if (v.kind !== 'scalar' || typeof v.value !== 'string' || !v.value.includes('${')) return v;
  const ref = (text: string) => {
    const m = /^([a-z0-9_]+\.[\w-]+)\.(\w+)$/.exec(text);
    return m ? { ref: { address: m[1] as string, attribute: m[2] as string } } : {};
  };
  const parts: TemplatePart[] = v.value
    .split(/(\$\{[^}]+\})/)
    .filter((p) => p !== '')
    .map((p) => (p.startsWith('${') ? { unknown: p.slice(2, -1), ...ref(p.slice(2, -1)) } : p));
  const only = parts[0];
  if (parts.length === 1 && only !== undefined && typeof only !== 'string') return { kind: 'unknown', text: only.unknown, loc: v.loc, ...(only.ref ? { ref: only.ref } : {}) };
  return { kind: 'template', parts, loc: v.loc };
}

function run(text: string, providers: { address: string; url: string }[] = []) {
  const parsed = parseLocatedJson(text, 'main.tf');
  if (!parsed.value) throw new Error('test policy does not parse');
  const model = emptyModel({ kind: 'terraform', id: '.', files: ['main.tf'] });
  const owner = { address: 'aws_iam_role.ci', type: 'aws_iam_role', loc: parsed.value.loc };
  model.documents.push(buildPolicyDocument(withUnknowns(parsed.value), { kind: 'trust', owner, path: ['assume_role_policy'] }));
  for (const p of providers) {
    const loc = parsed.value.loc;
    model.oidcProviders.push({ ref: { address: p.address, type: 'aws_iam_openid_connect_provider', loc }, url: { kind: 'literal', value: p.url, type: 'string', loc }, clientIds: [] });
  }
  return runChecks(model, [check]).map((f) => ({ resource: f.resource, messageId: f.messageId, line: f.line }));
}

describe('trust-oidc-unscoped on references', () => {
  it('resolves a Federated reference through the OIDC provider resource it names', () => {
    const providers = [{ address: 'aws_iam_openid_connect_provider.github', url: 'https://token.actions.githubusercontent.com' }];
    expect(run(policy(web('${aws_iam_openid_connect_provider.github.arn}')), providers)).toEqual([
      { resource: 'aws_iam_role.ci', messageId: 'missingClaim', line: 3 },
    ]);
    expect(
      run(policy(web('${aws_iam_openid_connect_provider.github.arn}', '{"StringLike": {"token.actions.githubusercontent.com:sub": "repo:my-org/app:*"}}')), providers),
    ).toEqual([]);
  });

  it('stays quiet on a reference it cannot resolve, or to a provider that is not a shared one', () => {
    expect(run(policy(web('${var.oidc_provider_arn}')))).toEqual([]);
    expect(run(policy(web('${aws_iam_openid_connect_provider.corp.arn}')), [{ address: 'aws_iam_openid_connect_provider.corp', url: 'https://sso.example.com' }])).toEqual([]);
  });

  it('reads the provider from a template (EKS issuer with an unresolved region and account)', () => {
    expect(run(policy(web('arn:aws:iam::${AWS::AccountId}:oidc-provider/oidc.eks.${AWS::Region}.amazonaws.com/id/123456')))).toEqual([
      { resource: 'aws_iam_role.ci', messageId: 'missingClaim', line: 3 },
    ]);
  });

  it('counts an unresolved sub value as pinned', () => {
    expect(run(policy(web(GH, '{"StringLike": {"token.actions.githubusercontent.com:sub": "${var.subject}"}}')))).toEqual([]);
  });
});
