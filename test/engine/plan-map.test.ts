/** A plan linted with its configuration: findings land on the `.tf`, once. */
import { ALL_CHECKS } from '../../checks/index.js';
import { lintSources } from '../../src/engine/lint.js';
import { configAddress } from '../../src/engine/plan-map.js';

const MAIN_TF = `variable "actions" {
  type = list(string)
}

data "aws_iam_policy_document" "app" {
  statement {
    actions   = ["s3:*"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "app" {
  name   = "app"
  policy = data.aws_iam_policy_document.app.json
}

resource "aws_iam_policy" "ops" {
  name = "ops"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = var.actions, Resource = "*" }]
  })
}
`;

/** What terraform would plan with actions = ["iam:*"]: the unknown of the configuration is known in the plan. */
const PLAN = JSON.stringify(
  {
    format_version: '1.2',
    planned_values: {
      root_module: {
        resources: [
          {
            address: 'aws_iam_policy.app',
            mode: 'managed',
            type: 'aws_iam_policy',
            name: 'app',
            values: { name: 'app', policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }) },
          },
          {
            address: 'aws_iam_policy.ops',
            mode: 'managed',
            type: 'aws_iam_policy',
            name: 'ops',
            values: { name: 'ops', policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }] }) },
          },
        ],
      },
    },
  },
  null,
  2,
);

const lint = (files: Record<string, string>) =>
  lintSources(
    Object.entries(files).map(([rel, text]) => ({ abs: `/virtual/${rel}`, rel, text })),
    { root: '/virtual', checks: ALL_CHECKS },
  );

describe('plan findings on the configuration', () => {
  it('drops what the configuration reports itself and moves the rest to the resource block, with the plan as related', async () => {
    const { findings } = await lint({ 'main.tf': MAIN_TF, 'plan.json': PLAN });
    const wildcard = findings.filter((f) => f.ruleId === 'wildcard-action').map((f) => [f.file, f.resource, f.line]);
    // app: the data source's statement reports it in main.tf; the plan's copy is dropped.
    // ops: only the plan knows the actions; its finding moves onto the aws_iam_policy.ops block.
    expect(wildcard).toEqual([
      ['main.tf', 'data.aws_iam_policy_document.app', 7],
      ['main.tf', 'aws_iam_policy.ops', 17],
    ]);
    const ops = findings.find((f) => f.ruleId === 'wildcard-action' && f.resource === 'aws_iam_policy.ops');
    expect(ops?.related?.[0]).toMatchObject({ file: 'plan.json', message: 'in the plan, aws_iam_policy.ops' });
    expect(findings.filter((f) => f.file === 'plan.json')).toEqual([]);
  });

  it('a plan linted alone keeps its findings in the plan file', async () => {
    const { findings } = await lint({ 'plan.json': PLAN });
    expect(findings.filter((f) => f.ruleId === 'wildcard-action').map((f) => [f.file, f.resource])).toEqual([
      ['plan.json', 'aws_iam_policy.app'],
      ['plan.json', 'aws_iam_policy.ops'],
    ]);
  });

  it('matches plan addresses without their instance keys', () => {
    expect(configAddress('module.m[0].aws_iam_role.r["a"]')).toBe('module.m.aws_iam_role.r');
  });
});
