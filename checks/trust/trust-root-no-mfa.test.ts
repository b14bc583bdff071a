import { describe, expect, it } from '@jest/globals';
import { parseLocatedJson } from '../../parsers/shared/json.js';
import { runChecks } from '../../src/engine/run-checks.js';
import { buildPolicyDocument, toScalar } from '../../src/model/build-policy.js';
import type { Identity } from '../../src/model/entities.js';
import { entry, type Located, type TemplatePart } from '../../src/model/located.js';
import { emptyModel, type IamModel } from '../../src/model/model.js';
import { findingsOf } from '../../test/harness/check-tester.js';
import check from './trust-root-no-mfa.js';

/** `${AWS::AccountId}` stands for this account; other `${...}` are plain unknowns. */
function withUnknowns(v: Located): Located {
  if (v.kind === 'object') return { ...v, entries: v.entries.map((e) => ({ ...e, value: withUnknowns(e.value) })) };
  if (v.kind === 'array') return { ...v, items: v.items.map(withUnknowns) };
  if (v.kind !== 'scalar' || typeof v.value !== 'string' || !v.value.includes('${')) return v;
  const parts: TemplatePart[] = v.value
    .split(/(\$\{[^}]+\})/)
    .filter((p) => p !== '')
    .map((p) => (p.startsWith('${') ? { unknown: p.slice(2, -1), ...(p === '${AWS::AccountId}' ? { hint: 'this-account' as const } : {}) } : p));
  const only = parts[0];
  if (parts.length === 1 && only !== undefined && typeof only !== 'string') return { kind: 'unknown', text: only.unknown, loc: v.loc, ...(only.hint ? { hint: only.hint } : {}) };
  return { kind: 'template', parts, loc: v.loc };
}

/**
 * A role as a CloudFormation parser would give it. The text is one JSON object:
 * `{"Trust": <trust policy>, "Inline": [<policy>...], "Managed": [<arn>...], "Attached": <customer managed policy>}`.
 */
function roleModel(text: string): IamModel {
  const parsed = parseLocatedJson(text, 'template.json');
  if (!parsed.value || parsed.value.kind !== 'object') throw new Error('test text does not parse');
  const root = withUnknowns(parsed.value);
  if (root.kind !== 'object') throw new Error('unreachable');
  const model = emptyModel({ kind: 'cloudformation', id: 'template.json', files: ['template.json'] });
  const ref = { address: 'AdminRole', type: 'AWS::IAM::Role', loc: root.loc };
  const role: Identity = { kind: 'role', ref, inlinePolicies: [], managedPolicyArns: [], groups: [] };
  const trust = entry(root, 'Trust')?.value;
  if (trust) {
    role.trust = buildPolicyDocument(trust, { kind: 'trust', owner: ref, path: ['Properties', 'AssumeRolePolicyDocument'] });
    model.documents.push(role.trust);
  }
  const inline = entry(root, 'Inline')?.value;
  if (inline?.kind === 'array') {
    inline.items.forEach((item, i) => {
      const doc = buildPolicyDocument(item, { kind: 'identity', owner: ref, path: ['Properties', 'Policies', i, 'PolicyDocument'] });
      role.inlinePolicies.push(doc);
      model.documents.push(doc);
    });
  }
  const managed = entry(root, 'Managed')?.value;
  if (managed?.kind === 'array') role.managedPolicyArns.push(...managed.items.map(toScalar));
  const attached = entry(root, 'Attached')?.value;
  if (attached) {
    const pref = { address: 'OpsPolicy', type: 'AWS::IAM::ManagedPolicy', loc: attached.loc };
    const document = buildPolicyDocument(attached, { kind: 'identity', owner: pref, path: ['Properties', 'PolicyDocument'] });
    model.documents.push(document);
    model.policies.push({
      ref: pref,
      kind: 'managed',
      document,
      targets: [{ kind: 'role', value: { kind: 'unknown', text: 'AdminRole', ref: { address: 'AdminRole' }, loc: attached.loc }, loc: attached.loc }],
    });
  }
  model.identities.push(role);
  return model;
}

function run(text: string) {
  return runChecks(roleModel(text), [check]).map((f) => ({ resource: f.resource, messageId: f.messageId, line: f.line, column: f.column, message: f.message }));
}

const trust = (principal: string, extra = '') =>
  `"Trust": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": ${principal}, "Action": "sts:AssumeRole"${extra}}]}`;
const ADMIN = '"Managed": ["arn:aws:iam::aws:policy/AdministratorAccess"]';
const MFA = ', "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}';

describe('trust-root-no-mfa', () => {
  it('fires on an account root trusted by a role with AdministratorAccess, at Principal, naming the privilege', () => {
    const found = run(['{', `  ${trust('{"AWS": "arn:aws:iam::111122223333:root"}')},`, `  ${ADMIN}`, '}'].join('\n'));
    expect(found).toEqual([
      {
        resource: 'AdminRole',
        messageId: 'rootNoMfa',
        line: 2,
        column: `  ${trust('{"AWS": "arn:aws:iam::111122223333:root"}')}`.indexOf('"Principal"') + 1,
        message: expect.stringContaining('every identity of account "arn:aws:iam::111122223333:root" that is allowed to call sts:AssumeRole take on a role holding the AWS managed policy "AdministratorAccess"'),
      },
    ]);
  });

  it('recognizes a bare account id, this account by template, and AWS::AccountId alone', () => {
    const text = [
      '{',
      '  "Trust": {"Version": "2012-10-17", "Statement": [',
      '    {"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "sts:AssumeRole"},',
      '    {"Effect": "Allow", "Principal": {"AWS": "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}, "Action": "sts:AssumeRole"},',
      '    {"Effect": "Allow", "Principal": {"AWS": "${AWS::AccountId}"}, "Action": "sts:AssumeRole"},',
      '    {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/ops"}, "Action": "sts:AssumeRole"}',
      '  ]},',
      '  "Inline": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}]',
      '}',
    ].join('\n');
    expect(run(text).map((f) => f.line)).toEqual([3, 4, 5]);
    expect(run(text)[0]?.message).toContain('administrator access ("*" on "*")');
  });

  it('counts IAM permissions management, "*" actions, NotAction and attached customer policies as privileged', () => {
    const withPolicy = (policy: string) => `{ ${trust('{"AWS": "111122223333"}')}, "Inline": [${policy}] }`;
    expect(run(withPolicy('{"Statement": [{"Effect": "Allow", "Action": "iam:AttachRolePolicy", "Resource": "arn:aws:iam::111122223333:role/*"}]}'))[0]?.message).toContain(
      'IAM permissions management ("iam:AttachRolePolicy")',
    );
    expect(run(withPolicy('{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::b/*"}]}'))[0]?.message).toContain('every action ("*")');
    expect(run(withPolicy('{"Statement": [{"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"}]}'))[0]?.message).toContain('through NotAction');
    expect(
      run(`{ ${trust('{"AWS": "111122223333"}')}, "Attached": {"Statement": [{"Effect": "Allow", "Action": "iam:*", "Resource": "*"}]} }`).map((f) => f.messageId),
    ).toEqual(['rootNoMfa']);
    expect(run(`{ ${trust('{"AWS": "111122223333"}')}, "Managed": ["arn:aws:iam::aws:policy/IAMFullAccess"] }`)[0]?.message).toContain('"IAMFullAccess"');
  });

  it('does not fire when MFA is required, on an unprivileged role, or for non-root principals', () => {
    expect(run(`{ ${trust('{"AWS": "arn:aws:iam::111122223333:root"}', MFA)}, ${ADMIN} }`)).toEqual([]);
    expect(
      run(`{ ${trust('{"AWS": "111122223333"}', ', "Condition": {"NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}}')}, ${ADMIN} }`),
    ).toEqual([]);
    expect(run(`{ ${trust('{"AWS": "111122223333"}')}, "Managed": ["arn:aws:iam::aws:policy/ReadOnlyAccess"] }`)).toEqual([]);
    expect(
      run(`{ ${trust('{"AWS": "111122223333"}')}, "Inline": [{"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "iam:GetRole", "iam:List*"], "Resource": "*"}]}] }`),
    ).toEqual([]);
    expect(run(`{ ${trust('{"AWS": "111122223333"}')}, "Inline": [{"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}] }`)).toEqual([]);
    expect(run(`{ ${trust('{"AWS": "arn:aws:iam::111122223333:role/ops"}')}, ${ADMIN} }`)).toEqual([]);
    expect(run(`{ ${trust('{"Service": "ec2.amazonaws.com"}')}, ${ADMIN} }`)).toEqual([]);
    expect(run(`{ ${trust('{"AWS": "${TrustedAccountRoot}"}')}, ${ADMIN} }`)).toEqual([]);
    expect(run(`{ ${trust('{"AWS": "111122223333"}')}, "Managed": ["\${PolicyArnParameter}"] }`)).toEqual([]);
  });

  it('never fires on a plain trust policy file (no role, so no privileges known)', async () => {
    const text = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"}]}';
    expect(await findingsOf(check, { name: 'plain file', files: { 'policy.json': text } })).toEqual([]);
  });
});
