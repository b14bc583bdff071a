/** Settings shared by the stacks of the payments app. */
export const DEFAULT_ENV = {
  account: process.env.CDK_DEFAULT_ACCOUNT,
  region: process.env.CDK_DEFAULT_REGION,
};

export const AUDIT_ACCOUNT_ID = '999988887777';
export const PARTNER_ACCOUNT_ID = '444455556666';

export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
export const GITHUB_REPOSITORY = 'example-org/payments-service';

export const ADMIN_POLICY = 'AdministratorAccess';

/** Actions the reporting jobs need, by service. */
export const REPORT_ACTIONS = {
  s3: ['s3:GetObject', 's3:ListBucket'],
  athena: ['athena:StartQueryExecution', 'athena:GetQueryResults'],
} as const;

export type Stage = 'dev' | 'prod';
