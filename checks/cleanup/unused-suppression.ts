import { defineCheck } from '../../src/check.js';

/**
 * Suppressions that do not do what their author thinks. Only the engine knows which suppressions matched a finding
 * (after every other rule ran), so `src/engine/suppress.ts` emits this rule's findings with this metadata; `run`
 * has nothing to look at in the model. Turn it off or change its severity in the config like any rule.
 */
export default defineCheck<'unused' | 'expired' | 'noReason' | 'malformed' | 'unknownRule' | 'forbidden' | 'noExpiry' | 'tooLong'>({
  meta: {
    id: 'unused-suppression',
    severity: 'low',
    category: 'cleanup',
    description: 'Disallow suppressions that match no finding, have expired, give no reason or cannot take effect',
    messages: {
      unused: 'This suppression of "{{rule}}" matches no finding, so it only hides future problems here; remove it.',
      expired:
        'This suppression of "{{rule}}" expired on {{until}}, so its findings are reported again; fix them, or renew the suppression with a new date and reason.',
      noReason:
        'This suppression of {{rules}} gives no reason, so it suppresses nothing; say why (after " -- " in a comment, or as "reason" in metadata).',
      malformed: 'This suppression cannot be read ({{problem}}), so it suppresses nothing.',
      unknownRule:
        'This suppression names "{{rule}}", which is not a rule of iamlint or of the configured custom rules, so it suppresses nothing{{hint}}.',
      forbidden: 'The configuration ("suppressions.forbid") does not allow suppressing "{{rule}}" inline, so its findings are reported.',
      noExpiry:
        'This suppression of "{{rule}}" has no expiry date, which the configuration requires ("suppressions.requireExpiry"), so it suppresses nothing; add "until=YYYY-MM-DD".',
      tooLong:
        'This suppression of "{{rule}}" runs until {{until}}, more than {{days}} days from today (the configured "suppressions.maxExpiryDays"), so it suppresses nothing; choose an earlier date.',
    },
    sources: { other: ['ESLint --report-unused-disable-directives', 'Ruff RUF100'] },
    references: ['https://eslint.org/docs/latest/use/command-line-interface#--report-unused-disable-directives'],
  },
  run() {
    // Emitted by the engine: see the comment above.
  },
});
