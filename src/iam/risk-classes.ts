/**
 * Action classes for "risky action" checks. Each entry is a canonical 'service:Action' that a test
 * verifies against the action database, so a typo or a renamed action fails the build.
 */

/** Actions that read stored data, secrets or decrypted content, or copy it out in bulk. */
export const DATA_EXFILTRATION_ACTIONS: readonly string[] = Object.freeze([
  // Object and file stores
  's3:GetObject',
  's3:GetObjectVersion',
  's3-object-lambda:GetObject',
  's3-object-lambda:GetObjectVersion',
  'glacier:GetJobOutput',
  'ebs:GetSnapshotBlock',
  // Parameters, secrets, keys
  'ssm:GetParameter',
  'ssm:GetParameters',
  'ssm:GetParametersByPath',
  'ssm:GetParameterHistory',
  'secretsmanager:GetSecretValue',
  'secretsmanager:BatchGetSecretValue',
  'kms:Decrypt',
  // Databases
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:PartiQLSelect',
  'dynamodb:GetRecords',
  'dynamodb:ExportTableToPointInTime',
  'rds-data:ExecuteStatement',
  'rds-data:BatchExecuteStatement',
  'redshift-data:GetStatementResult',
  'athena:GetQueryResults',
  'timestream:Select',
  'cassandra:Select',
  'es:ESHttpGet',
  // Streams, queues and logs carry application data
  'sqs:ReceiveMessage',
  'kinesis:GetRecords',
  'kinesisvideo:GetMedia',
  'logs:GetLogEvents',
  'logs:FilterLogEvents',
  // Code and images often embed credentials
  'lambda:GetFunction',
  'ecr:BatchGetImage',
  'ecr:GetDownloadUrlForLayer',
  'codecommit:GitPull',
  'codecommit:GetFile',
  'codecommit:GetBlob',
]);

/**
 * Actions that create, reveal, reactivate or push credentials usable by someone else. Deliberately
 * absent: ecr:GetAuthorizationToken and sts:GetSessionToken, which only ever return a token for the
 * caller itself and support no resource scoping, and sts:AssumeRole, which the escalation paths cover.
 */
export const CREDENTIALS_EXPOSURE_ACTIONS: readonly string[] = Object.freeze([
  'iam:CreateAccessKey',
  'iam:UpdateAccessKey',
  'iam:CreateLoginProfile',
  'iam:UpdateLoginProfile',
  'iam:CreateServiceSpecificCredential',
  'iam:ResetServiceSpecificCredential',
  'iam:UploadSSHPublicKey',
  'iam:UpdateSSHPublicKey',
  'iam:UploadSigningCertificate',
  'sts:GetFederationToken',
  'redshift:GetClusterCredentials',
  'redshift:GetClusterCredentialsWithIAM',
  'redshift-serverless:GetCredentials',
  'ec2:GetPasswordData',
  'ec2-instance-connect:SendSSHPublicKey',
  'ec2-instance-connect:SendSerialConsoleSSHPublicKey',
  'lightsail:GetInstanceAccessDetails',
  'lightsail:GetRelationalDatabaseMasterUserPassword',
  'lightsail:DownloadDefaultKeyPair',
  'gamelift:GetInstanceAccess',
  'gamelift:GetComputeAccess',
  'gamelift:RequestUploadCredentials',
  'mediapackage:RotateChannelCredentials',
  'mediapackage:RotateIngestEndpointCredentials',
  'appsync:CreateApiKey',
  'chime:CreateApiKey',
  'sagemaker:CreatePresignedDomainUrl',
  'sagemaker:CreatePresignedNotebookInstanceUrl',
]);

/**
 * Actions that remove or replace a permissions boundary. Not escalation by themselves (the
 * identity policy still applies) but they undo a guardrail, so they deserve their own finding.
 */
export const GUARDRAIL_REMOVAL_ACTIONS: readonly string[] = Object.freeze([
  'iam:DeleteRolePermissionsBoundary',
  'iam:DeleteUserPermissionsBoundary',
  'iam:PutRolePermissionsBoundary',
  'iam:PutUserPermissionsBoundary',
]);
