import { defineCheck, type ReportDescriptor } from '../../src/check.js';
import type { Located, LocatedEntry, LocatedObject } from '../../src/model/located.js';
import { compareLocations, spanOf, type Location } from '../../src/model/location.js';
import type { PolicyDocument, PolicyKind, Statement } from '../../src/model/policy.js';
import {
  validateIdentity,
  validateResource,
  validateTrust,
  type PolicyValidationError,
  type PolicyValidator,
} from './generated/policy-validators.js';

type MessageId =
  | 'notAnObject'
  | 'missingStatement'
  | 'missingElement'
  | 'unknownKey'
  | 'conflictingElements'
  | 'prohibitedElement'
  | 'badType'
  | 'badEffect'
  | 'badVersion'
  | 'oldVersion'
  | 'missingVersion'
  | 'badResource'
  | 'badAction'
  | 'badPrincipal'
  | 'emptyElement'
  | 'invalidSid'
  | 'duplicateSid'
  | 'invalid';

/** The grammar each policy kind is validated against (schema/policy/*.schema.json, compiled at build time). */
const GRAMMARS: Record<PolicyKind, PolicyValidator> = {
  identity: validateIdentity,
  boundary: validateIdentity,
  scp: validateIdentity,
  resource: validateResource,
  trust: validateTrust,
};

/** Only the first few grammar errors of a statement are worth reading; the rest usually follow from them. */
const MAX_ERRORS_PER_STATEMENT = 3;

/** What an unresolved value becomes in the plain JSON handed to the validator; errors on it are dropped. */
const PLACEHOLDER = '${unknown}';

/** A policy variable such as `${aws:username}`: only the 2012-10-17 language resolves it. */
const POLICY_VARIABLE = /\$\{[A-Za-z0-9-]+:[^}]+\}/;

interface Problem {
  messageId: MessageId;
  data: Record<string, string>;
  at: Location;
  /** The statement the problem is in, if any; otherwise it belongs to the document. */
  statement?: Statement;
  path: (string | number)[];
}

export default defineCheck({
  meta: {
    id: 'policy-syntax',
    severity: 'high',
    category: 'validity',
    description: 'Disallow policy documents that do not follow the IAM policy grammar',
    messages: {
      notAnObject: 'The policy document is not a JSON object, so AWS rejects it.',
      missingStatement: 'The policy has no "Statement" element, so AWS rejects it and it grants nothing.',
      missingElement: 'The statement has no {{element}} element, which the IAM grammar requires; AWS rejects the policy.',
      unknownKey: 'Unknown element "{{key}}" in the {{where}}; AWS rejects a policy with elements it does not know (check the spelling and case).',
      conflictingElements: 'The statement has both "{{first}}" and "{{second}}"; only one of them is allowed, so AWS rejects the policy.',
      prohibitedElement: 'A {{kind}} policy must not have "{{key}}"; AWS rejects the policy.',
      badType: '{{element}} must be {{expected}}; AWS rejects the policy.',
      badEffect: 'Effect "{{value}}" is neither "Allow" nor "Deny" (case matters); AWS rejects the policy.',
      badVersion: 'Version "{{value}}" is not a policy language version; use "2012-10-17".',
      oldVersion:
        'Version "2008-10-17" is the old policy language, in which policy variables such as "${aws:username}" are plain text; use "2012-10-17".',
      missingVersion:
        'The policy has no "Version", so IAM reads it as "2008-10-17" and takes the policy variable "{{variable}}" literally; add "Version": "2012-10-17".',
      badResource: 'Resource "{{value}}" is neither an ARN (arn:...) nor "*"; AWS rejects the policy.',
      badAction: 'Action "{{value}}" is not of the form "service:action" (or "*"); AWS rejects the policy.',
      badPrincipal: 'Principal "{{value}}" must be "*" or a map such as {"AWS": ...} or {"Service": ...}; AWS rejects the policy.',
      emptyElement: '{{element}} is empty; AWS rejects a policy with an empty element.',
      invalidSid: 'Sid "{{value}}" holds characters other than letters and digits, which identity-based policies do not accept.',
      duplicateSid: 'Sid "{{value}}" is already used by statement {{first}}; Sids must be unique within a policy.',
      invalid: '{{element}} is not valid IAM grammar ({{detail}}).',
    },
    sources: { parliament: ['MALFORMED', 'INVALID_ARN', 'DUPLICATE_SID', 'INVALID_SID'], other: ['cfn-lint E3510'] },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html',
    ],
  },
  run(ctx) {
    for (const doc of ctx.model.documents) {
      if (doc.source.kind === 'unknown' || doc.source.kind === 'template') continue;
      const problems = [...grammarProblems(doc), ...versionProblems(doc), ...duplicateSids(doc)];
      for (const p of problems) {
        const d: ReportDescriptor<MessageId> = { node: p.statement ?? doc, at: p.at, path: p.path, messageId: p.messageId, data: p.data };
        // The old policy language is advice, not an error: AWS accepts it.
        if (p.messageId === 'oldVersion') d.severity = 'low';
        ctx.report(d);
      }
    }
  },
});

// ---- grammar (JSON Schema) -------------------------------------------------------------------------------

function grammarProblems(doc: PolicyDocument): Problem[] {
  const validate = GRAMMARS[doc.kind];
  if (validate(toPlainJson(doc.source))) return [];
  const seen = new Set<string>();
  const groups = new Map<Statement | PolicyDocument, Problem[]>();
  for (const error of validate.errors ?? []) {
    const p = describe(error, doc);
    if (!p) continue;
    // One problem per element: a value that is both of the wrong type and not in an enum is one mistake.
    const key = `${p.at.line}:${p.at.column}:${p.at.endLine}:${p.at.endColumn}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const group = p.statement ?? doc;
    const list = groups.get(group) ?? [];
    list.push(p);
    groups.set(group, list);
  }
  const out: Problem[] = [];
  for (const list of groups.values()) out.push(...list.sort((a, b) => compareLocations(a.at, b.at)).slice(0, MAX_ERRORS_PER_STATEMENT));
  return out;
}

/** The located tree as plain JSON; unresolved values become a placeholder string (their errors are dropped later). */
function toPlainJson(v: Located): unknown {
  switch (v.kind) {
    case 'object': {
      const o: Record<string, unknown> = {};
      // defineProperty: a key such as "__proto__" must stay an ordinary key.
      for (const e of v.entries) Object.defineProperty(o, e.key, { value: toPlainJson(e.value), enumerable: true, writable: true, configurable: true });
      return o;
    }
    case 'array':
      return v.items.map(toPlainJson);
    case 'scalar':
      return v.value;
    case 'unknown':
      return PLACEHOLDER;
    case 'template':
      return v.parts.map((p) => (typeof p === 'string' ? p : PLACEHOLDER)).join('');
  }
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function lastEntry(obj: LocatedObject, key: string): LocatedEntry | undefined {
  for (let i = obj.entries.length - 1; i >= 0; i--) if (obj.entries[i]?.key === key) return obj.entries[i];
  return undefined;
}

interface Resolved {
  node: Located;
  /** The entry whose value is `node`, when `node` is an object member. */
  entry?: LocatedEntry;
  /** The located statement object the node is in (or is), when inside `Statement`. */
  statementNode?: Located;
  /** Segments under the statement (`['Resource', 1]`), or under the document when not in a statement. */
  rest: (string | number)[];
}

/** Follows a JSON Pointer through the located tree; undefined when it passes through (or ends on) an unresolved value. */
function resolvePointer(root: Located, pointer: string): Resolved | undefined {
  const segments = pointer === '' ? [] : pointer.split('/').slice(1).map(unescapePointer);
  let node: Located = root;
  let entry: LocatedEntry | undefined;
  let statementNode: Located | undefined;
  let rest: (string | number)[] = [];
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i] as string;
    if (node.kind === 'object') {
      entry = lastEntry(node, seg);
      if (!entry) return undefined;
      node = entry.value;
      rest.push(seg);
    } else if (node.kind === 'array') {
      const item = node.items[Number(seg)];
      if (!item) return undefined;
      entry = undefined;
      node = item;
      rest.push(Number(seg));
    } else return undefined;
    // `Statement` (an object) or `Statement/N`: everything below belongs to that statement.
    if (i === 0 && seg === 'Statement' && node.kind === 'object') {
      statementNode = node;
      rest = [];
    } else if (i === 1 && segments[0] === 'Statement' && statementNode === undefined && /^\d+$/.test(seg)) {
      statementNode = node;
      rest = [];
    }
  }
  if (node.kind === 'unknown' || node.kind === 'template') return undefined;
  const out: Resolved = { node, rest };
  if (entry) out.entry = entry;
  if (statementNode) out.statementNode = statementNode;
  return out;
}

function entrySpan(e: LocatedEntry): Location {
  return spanOf(e.keyLoc, e.value.loc);
}

function scalarText(node: Located): string {
  const text = node.kind === 'scalar' ? String(node.value) : node.kind === 'array' ? '[...]' : node.kind === 'object' ? '{...}' : '';
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** `"Resource"`, `item 2 of "Resource"`, `"aws:SourceIp" in "Condition"`: how a message names the element. */
function elementLabel(rest: (string | number)[], inStatement: boolean): string {
  if (rest.length === 0) return inStatement ? 'The statement' : 'The policy document';
  const last = rest[rest.length - 1];
  if (typeof last === 'number') return `Item ${last + 1} of "${String(rest[rest.length - 2])}"`;
  if (rest.length > 1 && rest[0] === 'Condition') return `Condition "${rest.slice(1).join('" / "')}"`;
  return `"${last}"`;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  array: 'a list',
  object: 'an object',
  number: 'a number',
  boolean: 'a boolean',
};

function expectedTypes(params: Record<string, unknown>): string {
  const t = params['type'];
  const types = Array.isArray(t) ? t.map(String) : [String(t)];
  return types.map((x) => TYPE_NAMES[x] ?? x).join(' or ');
}

/** `#/definitions/actionRequired/anyOf` -> `actionRequired`. */
function definitionName(schemaPath: string): string | undefined {
  return /\/definitions\/(\w+)\/(?:anyOf|not)$/.exec(schemaPath)?.[1];
}

const REQUIRED_PAIRS: Record<string, string> = {
  actionRequired: '"Action" or "NotAction"',
  resourceRequired: '"Resource" or "NotResource"',
};

const EXCLUSIVE_PAIRS: Record<string, [string, string]> = {
  actionExclusive: ['Action', 'NotAction'],
  resourceExclusive: ['Resource', 'NotResource'],
  principalExclusive: ['Principal', 'NotPrincipal'],
};

function statementOf(doc: PolicyDocument, node: Located | undefined): Statement | undefined {
  if (!node) return undefined;
  return doc.statements.find((s) => s.loc === node.loc || compareLocations(s.loc, node.loc) === 0);
}

/** Turns one validator error into a finding, or undefined when it is noise (combinator internals, unresolved values). */
function describe(error: PolicyValidationError, doc: PolicyDocument): Problem | undefined {
  if (error.keyword === 'if' || /\/(anyOf|oneOf)\/\d+\//.test(error.schemaPath)) return undefined;
  const r = resolvePointer(doc.source, error.instancePath);
  if (!r) return undefined;
  const statement = statementOf(doc, r.statementNode);
  const inStatement = r.statementNode !== undefined && r.rest.length === 0;
  const element = elementLabel(r.rest, r.statementNode !== undefined);
  const problem = (messageId: MessageId, at: Location, data: Record<string, string> = {}, path: (string | number)[] = r.rest): Problem => {
    const p: Problem = { messageId, at, data, path };
    if (statement) p.statement = statement;
    return p;
  };
  const valueAt = r.node.loc;
  const attrAt = r.entry ? entrySpan(r.entry) : r.node.loc;
  const field = r.rest.find((s): s is string => typeof s === 'string');

  switch (error.keyword) {
    case 'required': {
      const missing = String(error.params['missingProperty']);
      if (missing === 'Statement' && r.rest.length === 0 && !r.statementNode) return problem('missingStatement', doc.loc, {}, []);
      return problem('missingElement', r.node.loc, { element: `"${missing}"` }, [missing]);
    }
    case 'anyOf': {
      const name = definitionName(error.schemaPath);
      const pair = name ? REQUIRED_PAIRS[name] : undefined;
      if (pair && inStatement) return problem('missingElement', r.node.loc, { element: pair });
      break;
    }
    case 'not': {
      const name = definitionName(error.schemaPath);
      if (name === 'prohibited' && r.entry) return problem('prohibitedElement', attrAt, { kind: doc.kind, key: r.entry.key });
      const pair = name ? EXCLUSIVE_PAIRS[name] : undefined;
      if (pair && r.node.kind === 'object') {
        const a = lastEntry(r.node, pair[0]);
        const b = lastEntry(r.node, pair[1]);
        if (a && b) {
          const [first, second] = compareLocations(a.keyLoc, b.keyLoc) <= 0 ? [a, b] : [b, a];
          return problem('conflictingElements', entrySpan(second), { first: first.key, second: second.key }, [second.key]);
        }
      }
      break;
    }
    case 'additionalProperties': {
      const key = String(error.params['additionalProperty']);
      const e = r.node.kind === 'object' ? lastEntry(r.node, key) : undefined;
      if (!e) return undefined;
      const where = r.rest.length === 0 ? (r.statementNode ? 'statement' : 'policy') : `"${String(r.rest[r.rest.length - 1])}" element`;
      return problem('unknownKey', entrySpan(e), { key, where }, [...r.rest, key]);
    }
    case 'type':
      if (r.rest.length === 0 && !r.statementNode) return problem('notAnObject', r.node.loc, {});
      return problem('badType', valueAt, { element, expected: expectedTypes(error.params) });
    case 'enum':
      if (field === 'Effect') return problem('badEffect', valueAt, { value: scalarText(r.node) });
      if (field === 'Version') return problem('badVersion', valueAt, { value: scalarText(r.node) });
      break;
    case 'const':
      if (field === 'Principal' || field === 'NotPrincipal') return problem('badPrincipal', valueAt, { value: scalarText(r.node) });
      break;
    case 'pattern':
      if (field === 'Sid') return problem('invalidSid', valueAt, { value: scalarText(r.node) });
      if (field === 'Resource' || field === 'NotResource') return problem('badResource', valueAt, { value: scalarText(r.node) });
      if (field === 'Action' || field === 'NotAction') return problem('badAction', valueAt, { value: scalarText(r.node) });
      break;
    case 'minItems':
    case 'minProperties':
      return problem('emptyElement', attrAt, { element });
    default:
      break;
  }
  return problem('invalid', attrAt, { element, detail: error.message ?? error.keyword });
}

// ---- checks the schema cannot express -----------------------------------------------------------------------

function versionProblems(doc: PolicyDocument): Problem[] {
  const v = doc.version;
  if (v?.kind === 'literal' && v.value === '2008-10-17') {
    return [{ messageId: 'oldVersion', at: v.loc, data: {}, path: ['Version'] }];
  }
  if (v === undefined && doc.source.kind === 'object') {
    const variable = firstPolicyVariable(doc.source);
    if (variable) return [{ messageId: 'missingVersion', at: doc.loc, data: { variable }, path: [] }];
  }
  return [];
}

function firstPolicyVariable(v: Located): string | undefined {
  switch (v.kind) {
    case 'object':
      for (const e of v.entries) {
        const found = POLICY_VARIABLE.exec(e.key)?.[0] ?? firstPolicyVariable(e.value);
        if (found) return found;
      }
      return undefined;
    case 'array':
      for (const item of v.items) {
        const found = firstPolicyVariable(item);
        if (found) return found;
      }
      return undefined;
    case 'scalar':
      return typeof v.value === 'string' ? POLICY_VARIABLE.exec(v.value)?.[0] : undefined;
    case 'template':
      for (const p of v.parts) {
        const found = typeof p === 'string' ? POLICY_VARIABLE.exec(p)?.[0] : undefined;
        if (found) return found;
      }
      return undefined;
    default:
      return undefined;
  }
}

function duplicateSids(doc: PolicyDocument): Problem[] {
  const first = new Map<string, Statement>();
  const out: Problem[] = [];
  for (const st of doc.statements) {
    const sid = st.sid;
    if (sid?.kind !== 'literal' || sid.value === '') continue;
    const earlier = first.get(sid.value);
    // Statements under different template conditions (CloudFormation Fn::If branches) may never coexist.
    if (earlier && (earlier.guard === undefined || st.guard === undefined || earlier.guard === st.guard)) {
      out.push({ messageId: 'duplicateSid', at: sid.loc, data: { value: sid.value, first: String(earlier.index + 1) }, statement: st, path: ['Sid'] });
    } else if (!earlier) first.set(sid.value, st);
  }
  return out;
}
