import { defineCheck } from '../../src/check.js';
import type { TextValue } from '../../src/model/entities.js';

/** An access key id: `AKIA` (long-term) or `ASIA` (temporary) and 16 upper-case letters or digits, standing alone. */
const KEY_ID = /(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/g;
/** A secret access key: 40 characters of base64 (letters, digits, `/`, `+`). */
const SECRET_SHAPE = /^[A-Za-z0-9/+]{40}$/;
/** Setting names that say the value is a secret access key (`aws_secret_access_key`, `SecretAccessKey`, `secret-key`). */
const SECRET_NAME = /secret[-_ .]?(?:access[-_ .]?)?key/i;
/** The same, written inside a larger text (a credentials file, a shell line in user data) with its value beside it. */
const NAMED_SECRET_IN_TEXT = /secret[-_ .]?(?:access[-_ .]?)?key["']?\s*(?:[:=]\s*|\s+)["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi;
/** A 40-character base64 token standing alone inside a text. */
const SECRET_TOKEN = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;

/** AWS's documented example keys (`AKIAIOSFODNN7EXAMPLE`, `wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY` ...) and `AKIAXXXXXXXXXXXXXXXX` placeholders. */
function isExampleKeyId(id: string): boolean {
  return id.endsWith('EXAMPLE') || /^....X{16}$/.test(id);
}

function isExampleSecret(secret: string): boolean {
  return secret.endsWith('EXAMPLEKEY');
}

/** A token shaped like a secret key that is not obviously something else: it mixes upper case, lower case and digits (hex digests do not). */
function looksRandom(token: string): boolean {
  return /[A-Z]/.test(token) && /[a-z]/.test(token) && /[0-9]/.test(token);
}

function keyIdsIn(text: string): string[] {
  return [...text.matchAll(KEY_ID)].map((m) => m[0]).filter((id) => !isExampleKeyId(id));
}

/** Secret keys in one setting: by the setting's name, by a name written beside the value, or beside a key id. */
function secretsIn(tv: TextValue, ownerHasKeyId: boolean): string[] {
  const out = new Set<string>();
  const whole = tv.value.trim().replace(/^["']|["']$/g, '');
  const lastName = tv.name.slice(tv.name.lastIndexOf('/') + 1);
  if (SECRET_SHAPE.test(whole) && (SECRET_NAME.test(lastName) || (ownerHasKeyId && looksRandom(whole)))) out.add(whole);
  for (const m of tv.value.matchAll(NAMED_SECRET_IN_TEXT)) out.add(m[1] as string);
  if (keyIdsIn(tv.value).length > 0) for (const m of tv.value.matchAll(SECRET_TOKEN)) if (looksRandom(m[0])) out.add(m[0]);
  return [...out].filter((s) => !isExampleSecret(s));
}

function mask(id: string): string {
  return `${id.slice(0, 4)}…${id.slice(-4)}`;
}

export default defineCheck({
  meta: {
    id: 'hardcoded-aws-credentials',
    severity: 'critical',
    category: 'credentials',
    description: 'Disallow AWS access keys written as literals in infrastructure code',
    messages: {
      keyId:
        'The setting "{{name}}" holds the AWS access key id "{{id}}" as a literal; anyone who can read the code or its history can use it, so deactivate the key and take credentials from a role, a secret store or the environment instead.',
      secret:
        'The setting "{{name}}" holds an AWS secret access key as a literal; anyone who can read the code or its history can use it, so deactivate the key and take credentials from a role, a secret store or the environment instead.',
      keyPair:
        'The setting "{{name}}" holds the AWS access key id "{{id}}" and its secret access key as literals; anyone who can read the code or its history can use them, so deactivate the key and take credentials from a role, a secret store or the environment instead.',
    },
    sources: { checkov: ['CKV_AWS_41', 'CKV_AWS_45', 'CKV_AWS_46'] },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/security-creds.html',
    ],
  },
  run(ctx) {
    const { model } = ctx;
    const ownersWithKeyId = new Set(model.textValues.filter((tv) => keyIdsIn(tv.value).length > 0).map((tv) => tv.owner.address));
    for (const tv of model.textValues) {
      const ids = keyIdsIn(tv.value);
      const secrets = secretsIn(tv, ownersWithKeyId.has(tv.owner.address));
      if (ids.length === 0 && secrets.length === 0) continue;
      const id = ids.length > 0 ? mask(ids[0] as string) : '';
      const messageId = ids.length > 0 && secrets.length > 0 ? 'keyPair' : ids.length > 0 ? 'keyId' : 'secret';
      ctx.report({ node: { owner: tv.owner, loc: tv.loc }, messageId, data: { name: tv.name, id } });
    }
  },
});
