/** Terraform's JSON syntax: `.tf.json` blocks and `.tfvars.json` values. */
import { at, items, model, show } from './helpers.js';

describe('.tf.json', () => {
  it('reads blocks, nested blocks and template strings, with positions', async () => {
    const main = JSON.stringify(
      {
        variable: { bucket: { default: 'logs' } },
        data: {
          aws_iam_policy_document: {
            read: {
              statement: [
                { actions: ['s3:GetObject'], resources: ['arn:aws:s3:::${var.bucket}/*'] },
                { actions: ['iam:*'], resources: ['*'] },
              ],
            },
          },
        },
        resource: {
          aws_iam_role: { r: { name: 'r-${var.bucket}', assume_role_policy: '{"Version":"2012-10-17","Statement":[]}' } },
          aws_iam_role_policy: { p: { role: '${aws_iam_role.r.id}', policy: '${data.aws_iam_policy_document.read.json}' } },
        },
      },
      null,
      2,
    );
    const m = await model({ 'main.tf.json': main });
    expect(m.identities.map((i) => [i.ref.address, show(i.name)])).toEqual([['aws_iam_role.r', 'r-logs']]);
    const [doc] = m.documents.filter((d) => d.kind === 'identity');
    expect(doc?.owner.address).toBe('data.aws_iam_policy_document.read');
    expect(doc?.consumers.map((c) => c.address)).toEqual(['aws_iam_role_policy.p']);
    expect(doc?.statements.map((s) => [items(s.action), items(s.resource)])).toEqual([
      [['s3:GetObject'], ['arn:aws:s3:::logs/*']],
      [['iam:*'], ['*']],
    ]);
    const line = main.split('\n').findIndex((l) => l.includes('"iam:*"')) + 1;
    expect(doc?.statements[1]?.action?.items[0]?.loc.line).toBe(line);
    expect(show(m.policies[0]?.targets[0]?.value)).toBe('<aws_iam_role.r.id -> aws_iam_role.r.id>');
    expect(at(m.identities[0]?.ref.loc).startsWith(`${main.split('\n').findIndex((l) => l.includes('"r": {')) + 1}:`)).toBe(true);
  });

  it('reports invalid JSON and reads .tfvars.json values', async () => {
    const m = await model({ 'main.tf.json': '{ "resource": { ', 'ok.tf': 'variable "n" {}\nresource "aws_iam_user" "u" {\n  name = var.n\n}\n', 'terraform.tfvars.json': '{ "n": "from-json" }' });
    expect(m.parseProblems.map((p) => p.loc.file)).toEqual(['main.tf.json']);
    expect(show(m.identities[0]?.name)).toBe('from-json');
  });
});
