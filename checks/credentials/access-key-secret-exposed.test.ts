import { checkCases } from '../../test/harness/check-tester.js';
import check from './access-key-secret-exposed.js';

const KEY = `  Dev:
    Type: AWS::IAM::User
  DevKey:
    Type: AWS::IAM::AccessKey
    Properties:
      UserName: !Ref Dev
`;

checkCases(check, {
  valid: [
    {
      name: 'the key id in an output, the secret stored in Secrets Manager',
      files: {
        'template.yaml': `Resources:
${KEY}  Stored:
    Type: AWS::SecretsManager::Secret
    Properties:
      SecretString: !GetAtt DevKey.SecretAccessKey
Outputs:
  KeyId:
    Value: !Ref DevKey
  UserArn:
    Value: !GetAtt Dev.Arn
`,
      },
    },
  ],
  invalid: [
    {
      name: 'the secret in an output, an SSM String parameter, a Sub and a Lambda environment variable',
      files: {
        'template.yaml': `Resources:
${KEY}  Param:
    Type: AWS::SSM::Parameter
    Properties:
      Type: String
      Value: !GetAtt DevKey.SecretAccessKey
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: arn:aws:iam::111122223333:role/fn
      Code: {ZipFile: 'def handler(e, c): pass'}
      Environment:
        Variables:
          AWS_SECRET_ACCESS_KEY: !GetAtt DevKey.SecretAccessKey
Outputs:
  Secret:
    Value: !GetAtt DevKey.SecretAccessKey
  Both:
    Value: !Sub '\${DevKey}:\${DevKey.SecretAccessKey}'
`,
      },
      errors: [
        { resource: 'Param', messageId: 'exposed', line: 12, column: 14, message: 'The secret access key of "DevKey" is written to a plain SSM parameter' },
        { resource: 'Fn', messageId: 'exposed', line: 22, message: 'written to an environment variable' },
        { resource: 'Secret', messageId: 'exposed', line: 25, message: 'written to an output' },
        { resource: 'Both', messageId: 'exposed', line: 27, message: 'written to an output' },
      ],
    },
  ],
});
