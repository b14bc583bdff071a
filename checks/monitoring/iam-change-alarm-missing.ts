import { defineCheck } from '../../src/check.js';
import type { MetricFilter, Trail } from '../../src/model/entities.js';
import { textSetting } from '../../src/model/query.js';
import { alarmsOnMetric, logGroupMayMatch } from '../../src/model/relations.js';
import { scalarText, type Scalar } from '../../src/model/scalar.js';
import { quoteList } from '../../src/check-text.js';

/** The IAM policy changes CIS AWS Foundations (4.4, "IAM policy changes") asks an alarm for. */
const IAM_POLICY_CHANGE_EVENTS = [
  'DeleteGroupPolicy', 'DeleteRolePolicy', 'DeleteUserPolicy', 'PutGroupPolicy', 'PutRolePolicy', 'PutUserPolicy',
  'CreatePolicy', 'DeletePolicy', 'CreatePolicyVersion', 'DeletePolicyVersion', 'AttachRolePolicy', 'DetachRolePolicy',
  'AttachUserPolicy', 'DetachUserPolicy', 'AttachGroupPolicy', 'DetachGroupPolicy',
] as const;

/** How many of the events the alarmed filters must match between them: three quarters, so a pattern missing a few still counts. */
const REQUIRED_EVENTS = 12;

// ---- what a CloudWatch Logs filter pattern matches ----------------------------------------------------------
// A JSON pattern (`{ ($.eventName = PutRolePolicy) || ... }`) is parsed and evaluated on a CloudTrail event reduced to
// its `eventSource` and `eventName`. A comparison on any other field reads as a typical event would answer it: `!=` and
// `NOT EXISTS` hold, everything else (`$.userIdentity.type = "Root"`) does not. Values may use `*` wildcards or a
// `%regex%`. A term pattern (`?PutRolePolicy ?AttachRolePolicy`) is matched against the event's text.

interface CloudTrailEvent {
  eventSource: string;
  eventName: string;
}

type PatternNode = { kind: 'and' | 'or'; items: PatternNode[] } | { kind: 'cmp'; field: string; op: string; value?: (s: string) => boolean };

const UNRELATED_EVENT: CloudTrailEvent = { eventSource: 's3.amazonaws.com', eventName: 'GetObject' };

function valueMatcher(raw: string, quoted: boolean): ((s: string) => boolean) | undefined {
  if (!quoted && raw.length >= 2 && raw.startsWith('%') && raw.endsWith('%')) {
    try {
      const re = new RegExp(raw.slice(1, -1));
      return (s) => re.test(s);
    } catch {
      return undefined;
    }
  }
  if (!raw.includes('*')) return (s) => s === raw;
  const re = new RegExp(`^${raw.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return (s) => re.test(s);
}

class JsonPatternParser {
  private i = 0;
  constructor(private readonly text: string) {}

  parse(): PatternNode | undefined {
    const node = this.or();
    this.ws();
    return node && this.i === this.text.length ? node : undefined;
  }

  private ws(): void {
    while (this.i < this.text.length && /\s/.test(this.text[this.i] as string)) this.i++;
  }

  private eat(token: string): boolean {
    this.ws();
    if (!this.text.startsWith(token, this.i)) return false;
    this.i += token.length;
    return true;
  }

  private or(): PatternNode | undefined {
    const items: PatternNode[] = [];
    do {
      const item = this.and();
      if (!item) return undefined;
      items.push(item);
    } while (this.eat('||'));
    return items.length === 1 ? items[0] : { kind: 'or', items };
  }

  private and(): PatternNode | undefined {
    const items: PatternNode[] = [];
    do {
      const item = this.primary();
      if (!item) return undefined;
      items.push(item);
    } while (this.eat('&&'));
    return items.length === 1 ? items[0] : { kind: 'and', items };
  }

  private primary(): PatternNode | undefined {
    if (this.eat('(')) {
      const inner = this.or();
      return inner && this.eat(')') ? inner : undefined;
    }
    return this.comparison();
  }

  private comparison(): PatternNode | undefined {
    this.ws();
    const field = /^\$[^\s=!<>()&|]*/.exec(this.text.slice(this.i))?.[0];
    if (!field) return undefined;
    this.i += field.length;
    this.ws();
    const rest = this.text.slice(this.i);
    const keyword = /^(IS\s+NULL|IS\s+TRUE|IS\s+FALSE|NOT\s+EXISTS|EXISTS)\b/i.exec(rest)?.[0];
    if (keyword) {
      this.i += keyword.length;
      return { kind: 'cmp', field, op: keyword.toUpperCase().replace(/\s+/g, ' ') };
    }
    const op = /^(!=|<=|>=|=|<|>)/.exec(rest)?.[0];
    if (!op) return undefined;
    this.i += op.length;
    this.ws();
    let raw: string;
    let quoted = false;
    if (this.text[this.i] === '"') {
      const m = /^"((?:[^"\\]|\\.)*)"/.exec(this.text.slice(this.i));
      if (!m) return undefined;
      raw = (m[1] as string).replace(/\\(.)/g, '$1');
      quoted = true;
      this.i += m[0].length;
    } else if (this.text[this.i] === '%') {
      const end = this.text.indexOf('%', this.i + 1);
      if (end < 0) return undefined;
      raw = this.text.slice(this.i, end + 1);
      this.i = end + 1;
    } else {
      raw = /^[^\s()&|]*/.exec(this.text.slice(this.i))?.[0] ?? '';
      if (raw === '') return undefined;
      this.i += raw.length;
    }
    const value = valueMatcher(raw, quoted);
    if (!value) return undefined;
    return { kind: 'cmp', field, op, value };
  }
}

function evaluate(node: PatternNode, event: CloudTrailEvent): boolean {
  if (node.kind !== 'cmp') return node.kind === 'and' ? node.items.every((n) => evaluate(n, event)) : node.items.some((n) => evaluate(n, event));
  const field = node.field.replace(/\s/g, '');
  const known = field === '$.eventName' ? event.eventName : field === '$.eventSource' ? event.eventSource : undefined;
  if (known === undefined) return node.op === '!=' || node.op === 'NOT EXISTS';
  if (node.op === 'EXISTS') return true;
  if (node.op === '=') return node.value?.(known) ?? false;
  if (node.op === '!=') return !(node.value?.(known) ?? false);
  return false;
}

/** A term pattern: `?a ?b` matches either term, `a b` both, `-a` excludes; terms are matched in the event's text. */
function termPatternMatches(pattern: string, event: CloudTrailEvent): boolean {
  const text = `{"eventSource":"${event.eventSource}","eventName":"${event.eventName}"}`;
  const terms = pattern.match(/[?-]?"(?:[^"\\]|\\.)*"|\S+/g) ?? [];
  const unquote = (t: string) => t.replace(/^"(.*)"$/, '$1');
  const optional = terms.filter((t) => t.startsWith('?')).map((t) => unquote(t.slice(1)));
  const excluded = terms.filter((t) => t.startsWith('-')).map((t) => unquote(t.slice(1)));
  const required = terms.filter((t) => !t.startsWith('?') && !t.startsWith('-')).map(unquote);
  if (excluded.some((t) => t !== '' && text.includes(t))) return false;
  if (optional.length > 0 && !optional.some((t) => text.includes(t))) return false;
  return required.every((t) => text.includes(t));
}

/**
 * The IAM policy change events a filter pattern matches, or `unknown` when the linter cannot read the pattern. A
 * pattern that also matches an unrelated event (an empty pattern, `{ $.errorCode NOT EXISTS }`) is not about IAM
 * changes and matches none of them for this purpose.
 */
function iamChangeEventsMatched(pattern: Scalar | undefined): Set<string> | 'unknown' {
  if (pattern && pattern.kind !== 'literal') return 'unknown';
  const text = pattern?.value.trim() ?? '';
  let matches: (e: CloudTrailEvent) => boolean;
  if (text.startsWith('{')) {
    if (!text.endsWith('}')) return 'unknown';
    const node = new JsonPatternParser(text.slice(1, -1)).parse();
    if (!node) return 'unknown';
    matches = (e) => evaluate(node, e);
  } else if (text.startsWith('[')) {
    return 'unknown'; // a space-delimited pattern: fields by position, not CloudTrail's JSON
  } else {
    matches = (e) => termPatternMatches(text, e);
  }
  if (matches(UNRELATED_EVENT)) return new Set();
  return new Set(IAM_POLICY_CHANGE_EVENTS.filter((name) => matches({ eventSource: 'iam.amazonaws.com', eventName: name })));
}

// ---- the check --------------------------------------------------------------------------------------------------

interface FilterCoverage {
  filter: MetricFilter;
  events: Set<string> | 'unknown';
  alarmed: boolean;
}

function coveredCount(coverages: FilterCoverage[]): { count: number; missing: string[] } {
  if (coverages.some((c) => c.events === 'unknown')) return { count: IAM_POLICY_CHANGE_EVENTS.length, missing: [] };
  const union = new Set(coverages.flatMap((c) => [...(c.events as Set<string>)]));
  return { count: union.size, missing: IAM_POLICY_CHANGE_EVENTS.filter((e) => !union.has(e)) };
}

function metricText(f: MetricFilter): string {
  const name = f.metricName ? scalarText(f.metricName) : '?';
  return f.metricNamespace ? `${scalarText(f.metricNamespace)}/${name}` : name;
}

export default defineCheck({
  meta: {
    id: 'iam-change-alarm-missing',
    severity: 'low',
    category: 'monitoring',
    description: 'Require a metric filter and alarm for IAM policy changes when a trail sends its events to CloudWatch Logs',
    messages: {
      noFilter:
        'This trail sends its events to CloudWatch Logs, but no metric filter on that log group matches IAM policy changes ("PutRolePolicy", "AttachUserPolicy", "CreatePolicyVersion" and the like), so nobody is alerted when permissions change; add a metric filter for them and an alarm on its metric.',
      partialFilter:
        'This trail sends its events to CloudWatch Logs, but its metric filters match only {{count}} of the {{total}} IAM policy change events (missing {{missing}}), so permission changes made the other ways raise no alert; extend the filter pattern.',
      noAlarm:
        'This trail\'s IAM policy changes are counted by metric filter {{filters}}, but no alarm watches its metric {{metrics}}, so nobody is alerted when permissions change; add a CloudWatch alarm on that metric (same metric name and namespace).',
    },
    sources: {
      other: ['CIS AWS Foundations 4.4', 'Security Hub CloudWatch.4'],
    },
    references: [
      'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html',
      'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#keep-a-log',
    ],
  },
  run(ctx) {
    const coverageOf = new Map<MetricFilter, FilterCoverage>();
    for (const filter of ctx.model.account.metricFilters) {
      coverageOf.set(filter, { filter, events: iamChangeEventsMatched(filter.pattern), alarmed: alarmsOnMetric(ctx.model, filter).length > 0 });
    }
    for (const trail of ctx.model.account.trails) {
      const group: Scalar | undefined = trail.cloudWatchLogGroup;
      if (!group || textSetting(group).kind === 'unset') continue;
      const onGroup = [...coverageOf.values()].filter((c) => logGroupMayMatch(group, c.filter.logGroup));
      if (coveredCount(onGroup.filter((c) => c.alarmed)).count >= REQUIRED_EVENTS) continue;
      report(trail, group, onGroup);
    }

    function report(trail: Trail, group: Scalar, onGroup: FilterCoverage[]): void {
      const node = { ref: trail.ref };
      const relevant = onGroup.filter((c) => c.events === 'unknown' || c.events.size > 0);
      const all = coveredCount(relevant);
      const related = relevant.map((c) => ({ loc: c.filter.ref.loc, message: `metric filter ${c.filter.ref.address}` }));
      if (all.count >= REQUIRED_EVENTS) {
        const silent = relevant.filter((c) => !c.alarmed);
        ctx.report({
          node,
          at: group,
          messageId: 'noAlarm',
          data: { filters: quoteList(silent.map((c) => c.filter.ref.address)), metrics: quoteList(silent.map((c) => metricText(c.filter))) },
          related: silent.map((c) => ({ loc: c.filter.ref.loc, message: `metric filter ${c.filter.ref.address}, no alarm on ${metricText(c.filter)}` })),
        });
      } else if (all.count > 0) {
        ctx.report({
          node,
          at: group,
          messageId: 'partialFilter',
          data: { count: all.count, total: IAM_POLICY_CHANGE_EVENTS.length, missing: quoteList(all.missing) },
          related,
        });
      } else {
        ctx.report({ node, at: group, messageId: 'noFilter' });
      }
    }
  },
});
