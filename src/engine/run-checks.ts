import type { AnyCheck, ReportDescriptor } from '../check.js';
import type { Finding } from '../finding.js';
import type { IamModel } from '../model/model.js';
import type { Severity } from '../severity.js';
import { toFinding } from './report.js';

/** How a rule is configured: off, a severity, or a severity with options. */
export type RuleSetting = 'off' | Severity | { severity?: Severity | 'off'; options?: Record<string, unknown> };

export interface CheckFailure {
  ruleId: string;
  unit: string;
  error: string;
}

/** Runs every enabled check over one unit's model. A check that throws is recorded, never fatal to the run. */
export function runChecks(
  model: IamModel,
  checks: readonly AnyCheck[],
  settings: Readonly<Record<string, RuleSetting>> = {},
  failures: CheckFailure[] = [],
): Finding[] {
  const findings: Finding[] = [];
  for (const check of checks) {
    const setting = settings[check.meta.id];
    const severity = severityOf(setting, check.meta.severity);
    if (severity === 'off') continue;
    const options = { ...(check.defaultOptions as object), ...(typeof setting === 'object' ? setting.options : undefined) };
    const ctx = {
      model,
      options,
      report: (d: ReportDescriptor<string>) => findings.push(toFinding(check, severity, d)),
    };
    try {
      check.run(ctx);
    } catch (e) {
      failures.push({ ruleId: check.meta.id, unit: model.unit.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  }
  return findings;
}

/** The severity a rule runs at under a setting (or `off`). */
export function severityOf(setting: RuleSetting | undefined, fallback: Severity): Severity | 'off' {
  if (setting === undefined) return fallback;
  if (typeof setting === 'string') return setting;
  return setting.severity ?? fallback;
}
