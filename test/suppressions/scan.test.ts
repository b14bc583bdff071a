/** The comment-directive scanner is lexical and format-neutral: the same text rules for YAML, HCL, TypeScript and JSONC. */
import { isDate, scanDirectives, type CommentDirective } from '../../src/engine/suppress-scan.js';

const lines = (...ls: string[]): string => ls.join('\n') + '\n';
const pick = (d: CommentDirective) => ({
  line: d.line,
  scope: d.scope,
  target: d.target,
  rules: d.rules,
  reason: d.reason,
  until: d.until,
  problem: d.problem,
});

describe('comment directives', () => {
  it('YAML: a directive on its own line applies to the next code line, skipping blanks and comments', () => {
    const text = lines(
      'Resources:',
      '  # iamlint-ignore wildcard-resource, wildcard-action until=2026-12-31 -- log groups are created at run time',
      '  # another comment',
      '',
      '  Writer:',
      '    Type: AWS::IAM::ManagedPolicy',
    );
    expect(scanDirectives(text, 't.yaml').map(pick)).toEqual([
      {
        line: 2,
        scope: 'line',
        target: 5,
        rules: ['wildcard-resource', 'wildcard-action'],
        reason: 'log groups are created at run time',
        until: '2026-12-31',
        problem: undefined,
      },
    ]);
  });

  it('YAML: a directive at the end of a line applies to that line; its span starts at the keyword', () => {
    const text = lines('Resources:', "            Resource: '*'   # iamlint-ignore wildcard-resource -- why");
    const [d] = scanDirectives(text, 't.yaml');
    expect(d).toMatchObject({ line: 2, target: 2, column: 31, endColumn: 70, rules: ['wildcard-resource'], reason: 'why' });
  });

  it('HCL: both # and // comments, and a trailing directive after a block opener', () => {
    const text = lines(
      '# iamlint-ignore admin-access -- break-glass, SEC-1',
      'resource "aws_iam_policy" "admin" {',
      '  policy = data.aws_iam_policy_document.admin.json // iamlint-ignore wildcard-action -- reviewed',
      '}',
      'resource "aws_iam_role" "r" { # iamlint-ignore trust-any-principal -- public demo',
      '}',
    );
    expect(scanDirectives(text, 'main.tf').map((d) => [d.line, d.target, d.rules.join(','), d.reason])).toEqual([
      [1, 2, 'admin-access', 'break-glass, SEC-1'],
      [3, 3, 'wildcard-action', 'reviewed'],
      [5, 5, 'trust-any-principal', 'public demo'],
    ]);
  });

  it('TypeScript: // comments; a /* */ comment end is not part of the reason', () => {
    const text = lines(
      'const role = new iam.Role(this, "Role", {',
      '  // iamlint-ignore trust-cross-account-no-external-id -- the partner account is ours',
      '  assumedBy: new iam.AccountPrincipal("111111111111"),',
      '  /* iamlint-ignore wildcard-action -- kept for compatibility */',
      '});',
    );
    const ds = scanDirectives(text, 'stack.ts');
    expect(ds.map((d) => [d.line, d.target, d.reason])).toEqual([[2, 3, 'the partner account is ours']]);
  });

  it('JSON with comments (JSONC): // directives work like anywhere else', () => {
    const text = lines('{', '  "Statement": [', '    // iamlint-ignore admin-access -- break-glass', '    { "Effect": "Allow", "Action": "*", "Resource": "*" }', '  ]', '}');
    expect(scanDirectives(text, 'p.json').map((d) => [d.line, d.target])).toEqual([[3, 4]]);
  });

  it('iamlint-ignore-file applies to the whole file', () => {
    const [d] = scanDirectives(lines('# iamlint-ignore-file unknown-action -- newer than the action database', 'a: 1'), 't.yaml');
    expect(d).toMatchObject({ scope: 'file', rules: ['unknown-action'], reason: 'newer than the action database' });
    expect(d?.target).toBeUndefined();
  });

  it('a directive with nothing after it has no target', () => {
    expect(scanDirectives(lines('a: 1', '# iamlint-ignore admin-access -- x', ''), 't.yaml')[0]?.target).toBeUndefined();
  });

  it('keeps directives without a reason or with problems, for reporting', () => {
    const text = lines(
      '# iamlint-ignore admin-access',
      '# iamlint-ignore admin-access --',
      '# iamlint-ignore -- no rule',
      '# iamlint-ignore admin-access until=2026-02-30 -- bad date',
      '# iamlint-ignore admin-access until=soon -- bad date',
      '# iamlint-ignore Admin_Access -- bad id',
      'x: 1',
    );
    expect(scanDirectives(text, 't.yaml').map((d) => [d.reason ?? null, d.problem ?? null])).toEqual([
      [null, null],
      [null, null],
      ['no rule', 'it names no rule (iamlint-ignore RULE[, RULE] -- reason)'],
      ['bad date', '"until=2026-02-30" is not a date (until=YYYY-MM-DD)'],
      ['bad date', '"until=soon" is not a date (until=YYYY-MM-DD)'],
      ['bad id', 'unexpected "Admin_Access" (expected rule ids, until=YYYY-MM-DD, then " -- reason")'],
    ]);
  });

  it('ignores the words inside strings, URLs and other words', () => {
    const text = lines(
      'message: "see # iamlint-ignore admin-access -- in the docs"',
      'url: https://iamlint-ignore.example.com',
      'x: a#iamlint-ignore admin-access -- glued to text',
      '# iamlint-ignored admin-access -- another word',
      'key: "a \\" quote" # iamlint-ignore admin-access -- after an escaped quote',
    );
    expect(scanDirectives(text, 't.yaml').map((d) => d.line)).toEqual([5]);
  });

  it('reads CRLF files', () => {
    const [d] = scanDirectives('# iamlint-ignore admin-access -- why\r\nx: 1\r\n', 't.yaml');
    expect(d).toMatchObject({ target: 2, reason: 'why' });
  });

  it('validates calendar dates', () => {
    expect(['2026-02-28', '2024-02-29', '2026-12-31'].every(isDate)).toBe(true);
    expect(['2026-02-29', '2026-13-01', '2026-1-01', '20260101'].some(isDate)).toBe(false);
  });
});
