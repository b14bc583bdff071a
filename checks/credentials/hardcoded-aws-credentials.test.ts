import { checkCases } from '../../test/harness/check-tester.js';
import check from './hardcoded-aws-credentials.js';

const FN = (vars: string) => `    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: arn:aws:iam::111122223333:role/fn
      Code: {ZipFile: 'def handler(e, c): pass'}
      Environment:
        Variables:
${vars}`;

checkCases(check, {
  valid: [
    {
      name: 'AWS documented example keys, placeholders and references to a secret store',
      files: {
        'template.yaml': `Parameters:
  KeyId:
    Type: String
    Default: AKIAIOSFODNN7EXAMPLE
  Secret:
    Type: String
    NoEcho: true
  Placeholder:
    Type: String
    Default: AKIAXXXXXXXXXXXXXXXX
Resources:
  Fn:
${FN(`          AWS_ACCESS_KEY_ID: AKIAI44QH8DHBEXAMPLE
          AWS_SECRET_ACCESS_KEY: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
          OTHER_SECRET_KEY: je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY
          FROM_STORE: '{{resolve:secretsmanager:ci-key:SecretString:secret}}'
          FROM_PARAM: !Ref Secret
`)}`,
      },
    },
    {
      name: 'a 40-character value without a secret name or a key id beside it is not a secret (commit hashes, tokens of other kinds)',
      files: {
        'template.yaml': `Resources:
  Fn:
${FN(`          GIT_SHA: 3f786850e387550fdab836ed7e6dc881de23001b
          RANDOM_TOKEN: Zq3yX9bW1cV5nM7kL2pO8iU4yT6rE0wQ1aS3dF5g
          ROLE_ID: AROAXXXXXXXXXXXXXXXXX
          ACCOUNT_ID: AIDAJQABLZS4A3QDU576Q
          NOT_A_KEY: xAKIAABCDEFGHIJKLMNOP
`)}`,
      },
    },
  ],
  invalid: [
    {
      name: 'a key id in a Lambda environment variable, at the value, masked in the message',
      files: {
        'template.yaml': `Resources:
  Secret:
${FN(`          ACCESS_KEY: AKIAAAAAAAAAAAAAAAAA
          NOT_SECRET: hello
`)}`,
      },
      errors: [{ resource: 'Secret', messageId: 'keyId', line: 11, column: 23, endColumn: 43, message: 'holds the AWS access key id "AKIA…AAAA" as a literal' }],
    },
    {
      name: 'a secret recognized by its name, and one recognized by the key id in the same resource',
      files: {
        'template.yaml': `Resources:
  Named:
${FN(`          AWS_SECRET_ACCESS_KEY: 'Zq3yX9bW1cV5nM7kL2pO8iU4yT6rE0wQ1aS3dF5g'
`)}  Pair:
${FN(`          KEY: ASIAJ7Q3EXAMPLF4QZLM
          VALUE: Zq3yX9bW1cV5nM7kL2pO8iU4yT6rE0wQ1aS3dF5g
`)}`,
      },
      errors: [
        { resource: 'Named', messageId: 'secret', line: 11, message: 'The setting "Properties/Environment/Variables/AWS_SECRET_ACCESS_KEY" holds an AWS secret access key' },
        { resource: 'Pair', messageId: 'keyId', line: 21, message: '"ASIA…QZLM"' },
        { resource: 'Pair', messageId: 'secret', line: 22 },
      ],
    },
    {
      name: 'a parameter default, and user data with a credentials file holding both key id and secret',
      files: {
        'template.yaml': `Parameters:
  DeployKey:
    Type: String
    Default: AKIAJ7Q3XAMPLEF4QZLM
Resources:
  Host:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      UserData:
        Fn::Base64: !Sub |
          #!/bin/bash
          mkdir -p /root/.aws
          cat > /root/.aws/credentials <<EOF
          [default]
          aws_access_key_id = AKIAJ7Q3XAMPLEF4QZLM
          aws_secret_access_key = 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
          region = \${AWS::Region}
          EOF
`,
      },
      errors: [
        { resource: 'DeployKey', messageId: 'keyId', line: 4, message: 'The setting "Parameters/DeployKey/Default" holds the AWS access key id "AKIA…QZLM"' },
        { resource: 'Host', messageId: 'keyPair', line: 11, message: 'holds the AWS access key id "AKIA…QZLM" and its secret access key as literals' },
      ],
    },
  ],
});
