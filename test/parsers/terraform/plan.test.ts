/** Terraform plan JSON (`terraform show -json`): planned resources under their own addresses, located in the plan. */
import { parsePlanFile } from '../../../parsers/terraform/plan.js';
import { at, items, lint, pos, project, show } from './helpers.js';

const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
const PLAN = JSON.stringify(
  {
    format_version: '1.2',
    terraform_version: '1.9.0',
    planned_values: {
      root_module: {
        resources: [
          { address: 'aws_iam_policy.admin', mode: 'managed', type: 'aws_iam_policy', name: 'admin', values: { name: 'admin', policy } },
          {
            address: 'aws_iam_role.r',
            mode: 'managed',
            type: 'aws_iam_role',
            name: 'r',
            values: {
              name: 'r',
              assume_role_policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] }),
              inline_policy: [{ name: 'i', policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }) }],
            },
          },
          { address: 'aws_iam_role_policy_attachment.a', mode: 'managed', type: 'aws_iam_role_policy_attachment', name: 'a', values: { role: 'r' } },
          { address: 'data.aws_iam_policy_document.d', mode: 'data', type: 'aws_iam_policy_document', name: 'd', values: { json: policy } },
        ],
        child_modules: [{ address: 'module.m', resources: [{ address: 'module.m.aws_iam_user.u["a"]', mode: 'managed', type: 'aws_iam_user', name: 'u', index: 'a', values: { name: 'a' } }] }],
      },
    },
    resource_changes: [{ address: 'aws_iam_role_policy_attachment.a', change: { after_unknown: { policy_arn: true } } }],
  },
  null,
  2,
);

describe('plan JSON', () => {
  it('reads planned resources of the root and child modules, with values known at plan time', async () => {
    const m = await parsePlanFile({ abs: '/virtual/plan.json', rel: 'plan.json', text: PLAN });
    expect(m?.unit).toMatchObject({ kind: 'terraform-plan', id: 'plan.json' });
    expect(m?.identities.map((i) => [i.ref.address, show(i.name)])).toEqual([
      ['aws_iam_role.r', 'r'],
      ['module.m.aws_iam_user.u["a"]', 'a'],
    ]);
    expect(m?.documents.map((d) => [d.owner.address, d.kind, items(d.statements[0]?.action)])).toEqual([
      ['aws_iam_policy.admin', 'identity', ['*']],
      ['aws_iam_role.r', 'trust', ['sts:AssumeRole']],
      ['aws_iam_role.r', 'identity', ['s3:*']],
    ]);
    // Unknown after apply stays unknown.
    expect(m?.attachments.map((a) => [show(a.target.value), show(a.policy)])).toEqual([['r', '<(known after apply)>']]);
  });

  it('locates statements inside the policy strings of the plan file', async () => {
    const m = await parsePlanFile({ abs: '/virtual/plan.json', rel: 'plan.json', text: PLAN });
    const action = m?.documents[0]?.statements[0]?.action?.items[0];
    const p = pos(PLAN, '\\"Action\\":\\"*\\"');
    expect(at(action?.loc)).toBe(`${p.line}:${p.column + 11}-${p.line}:${p.column + 16}`);
    expect(m?.documents[0]?.owner.loc.line).toBe(pos(PLAN, '"address": "aws_iam_policy.admin"').line - 1);
  });

  it('declines JSON that is not a plan, and lints a plan on disk', async () => {
    expect(await parsePlanFile({ abs: '/virtual/x.json', rel: 'x.json', text: '{"Version":"2012-10-17","Statement":[]}' })).toBeNull();
    const findings = await lint(project({ 'plan.json': PLAN }));
    expect(findings.filter((f) => f.ruleId === 'admin-access').map((f) => [f.resource, f.file])).toEqual([['aws_iam_policy.admin', 'plan.json']]);
    expect(findings.filter((f) => f.ruleId === 'trust-any-principal').map((f) => f.resource)).toEqual(['aws_iam_role.r']);
  });
});
