{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "UseKeys",
      "Effect": "Allow",
      "Action": ["kms:Decrypt", "kms:GenerateDataKey"],
      "Resource": ${jsonencode(key_arns)}
    }
  ]
}
