// Placeholder replaced by the policy-syntax work: compiles JSON Schemas to standalone validators at build time.
