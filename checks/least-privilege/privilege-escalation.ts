import { defineCheck, type RelatedInput } from '../../src/check.js';
import { grantedEscalationPaths, minimalEscalationPaths, type EscalationPath } from '../../src/iam/index.js';
import type { Statement } from '../../src/model/policy.js';
import { passRoleAllowsService, unconstrainedGrants } from '../../src/model/query.js';

const PASS_ROLE = 'iam:PassRole';

/** A granted path with, per action, the first statement that grants it. */
interface GrantedPath {
  path: EscalationPath;
  grants: Statement[];
}

/**
 * The known escalation paths a set of statements grants: every action of the path granted on all resources by
 * an Allow without a constraining condition, not taken away by an unconditional Deny of the set, and for paths
 * that pass a role, an `iam:PassRole` grant whose `iam:PassedToService` admits the path's service.
 * Takes a list of statements so that it can later be asked of every policy reaching one principal.
 */
function escalationsOf(statements: readonly Statement[]): GrantedPath[] {
  const memo = new Map<string, Statement[]>();
  const grantsOf = (action: string): Statement[] => {
    let grants = memo.get(action);
    if (grants === undefined) {
      grants = unconstrainedGrants(statements, action);
      memo.set(action, grants);
    }
    return grants;
  };
  const out: GrantedPath[] = [];
  for (const path of grantedEscalationPaths((a) => grantsOf(a).length > 0)) {
    const grants: Statement[] = [];
    for (const action of path.actions) {
      const candidates = grantsOf(action);
      const to = path.passRoleTo;
      const st = action === PASS_ROLE && to !== undefined ? candidates.find((s) => passRoleAllowsService(s, to)) : candidates[0];
      if (!st) break;
      grants.push(st);
    }
    if (grants.length === path.actions.length) out.push({ path, grants });
  }
  const minimal = new Set(minimalEscalationPaths(out.map((g) => g.path)));
  return out.filter((g) => minimal.has(g.path));
}

/** `"a"`, `"a" with "b"`, `"a" with "b" and "c"`. */
function combination(actions: readonly string[], joiner: 'with' | '+'): string {
  const q = actions.map((a) => `"${a}"`);
  const [first, ...rest] = q;
  if (rest.length === 0) return first ?? '';
  if (joiner === '+') return q.join(' + ');
  const last = rest.pop() as string;
  return `${first} with ${rest.length ? `${rest.join(', ')} and ` : ''}${last}`;
}

/** The path's description as the end of a sentence: lower-case start, one final period. */
function how(path: EscalationPath): string {
  const d = path.description.trim().replace(/\.+$/, '');
  return `${d.charAt(0).toLowerCase()}${d.slice(1)}.`;
}

/** Direct paths first (no prerequisite, fewest actions), then the catalog order. */
function byDirectness(a: GrantedPath, b: GrantedPath): number {
  const pa = a.path.prerequisite ? 1 : 0;
  const pb = b.path.prerequisite ? 1 : 0;
  return pa - pb || a.path.actions.length - b.path.actions.length;
}

export default defineCheck({
  meta: {
    id: 'privilege-escalation',
    severity: 'critical',
    category: 'least-privilege',
    description: 'Disallow granting, on all resources and without a constraining condition, a known privilege-escalation action or combination of actions',
    messages: {
      escalation: '{{grant}} on all resources lets a principal escalate its privileges: {{how}}',
      escalations:
        'Granting {{grants}} on all resources opens {{count}} privilege-escalation paths, for example: {{how}}',
    },
    sources: {
      checkov: ['CKV_AWS_110', 'CKV_AWS_286'],
      parliament: ['PRIVILEGE_ESCALATION'],
    },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html',
      'https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/',
    ],
  },
  run(ctx) {
    for (const doc of ctx.model.documents) {
      // Resource policies grant on their own resource only, trust policies only role assumption, and boundaries
      // and SCPs grant nothing: escalation is a property of identity policies.
      if (doc.kind !== 'identity') continue;
      const byStatement = new Map<Statement, GrantedPath[]>();
      for (const g of escalationsOf(doc.statements)) {
        const at = g.grants[0] as Statement;
        const list = byStatement.get(at) ?? [];
        list.push(g);
        byStatement.set(at, list);
      }
      for (const [st, found] of [...byStatement].sort((a, b) => a[0].index - b[0].index)) {
        const paths = [...found].sort(byDirectness);
        const first = paths[0] as GrantedPath;
        // Other statements that supply actions of these paths, with the actions they supply.
        const supplied = new Map<Statement, Set<string>>();
        for (const g of paths) {
          g.grants.forEach((other, i) => {
            if (other === st) return;
            const set = supplied.get(other) ?? new Set<string>();
            set.add(g.path.actions[i] as string);
            supplied.set(other, set);
          });
        }
        const related: RelatedInput[] = [...supplied]
          .sort((a, b) => a[0].index - b[0].index)
          .map(([other, actions]) => ({
            loc: (other.action ?? other.notAction)?.attrLoc ?? other.loc,
            message: `also needed: ${[...actions].map((a) => `"${a}"`).join(', ')} granted here`,
          }));
        const element = st.action ?? st.notAction;
        const base = { node: st, path: [st.action ? 'Action' : 'NotAction'], related } as const;
        if (paths.length === 1) {
          ctx.report({
            ...base,
            ...(element ? { at: element } : {}),
            messageId: 'escalation',
            data: { grant: combination(first.path.actions, 'with'), how: how(first.path) },
          });
        } else {
          const shown = paths.slice(0, 3).map((g) => combination(g.path.actions, '+'));
          const grants =
            paths.length > 3 ? `${shown.join(', ')} and ${paths.length - 3} more` : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
          ctx.report({
            ...base,
            ...(element ? { at: element } : {}),
            messageId: 'escalations',
            data: { grants, count: paths.length, how: how(first.path) },
          });
        }
      }
    }
  },
});
