import { checkCases } from '../../test/harness/check-tester.js';
import check from './parse-error.js';

checkCases(check, {
  valid: [
    { name: 'a valid policy', files: { 'policy.json': '{"Version":"2012-10-17","Statement":[]}' } },
    { name: 'JSON that is not a policy is left alone', files: { 'package.json': '{"name":"x","version":"1.0.0"}' } },
    { name: 'JSON with comments that is not a policy', files: { 'tsconfig.json': '{\n // comment\n "compilerOptions": {}\n}' } },
  ],
  invalid: [
    { name: 'not JSON at all', files: { 'policy.json': 'not json\n' }, errors: [{ resource: 'policy.json', messageId: 'unparsable', line: 1 }] },
    {
      name: 'a truncated policy points at the end',
      files: { 'p.json': '{\n  "Version": "2012-10-17",\n  "Statement": [\n' },
      errors: [{ resource: 'p.json', messageId: 'unparsable', line: 4 }],
    },
    {
      name: 'trailing commas in a policy file are reported (AWS rejects them) and the policy is still linted',
      files: { 'p.json': '{"Version": "2012-10-17", "Statement": [\n  {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",}\n]}' },
      errors: [{ resource: 'p.json', messageId: 'unparsable', line: 2, column: 64, message: 'trailing comma' }],
    },
    { name: 'an empty file', files: { 'empty.json': '' }, errors: [{ resource: 'empty.json', messageId: 'unparsable', line: 1, message: 'empty file' }] },
    {
      name: 'binary content',
      files: { 'bin.json': '\u0000\u0001\u0002PK' },
      errors: [{ resource: 'bin.json', messageId: 'unparsable', line: 1, message: 'binary' }],
    },
    {
      name: 'nesting beyond the limit is refused, not overflowed',
      files: { 'deep.json': '['.repeat(100_000) + ']'.repeat(100_000) },
      errors: [{ resource: 'deep.json', messageId: 'unparsable', line: 1, message: 'nested deeper' }],
    },
  ],
});
