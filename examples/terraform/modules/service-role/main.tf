# A role for one AWS service, with access to a set of buckets. Called once per service.

data "aws_iam_policy_document" "assume" {
  statement {
    sid     = "ServiceAssumesRole"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = [var.service]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [var.account_id]
    }
  }
}

resource "aws_iam_role" "this" {
  name                 = var.name
  assume_role_policy   = data.aws_iam_policy_document.assume.json
  permissions_boundary = var.permissions_boundary
  tags                 = var.tags
}

data "aws_iam_policy_document" "permissions" {
  statement {
    sid       = "Buckets"
    actions   = var.bucket_actions
    resources = var.bucket_arns
  }

  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["arn:aws:logs:*:${var.account_id}:log-group:/aws/${var.name}:*"]
  }

  dynamic "statement" {
    for_each = var.allow_pass_role ? [1] : []
    content {
      sid       = "PassRole"
      actions   = ["iam:PassRole"]
      resources = ["*"]
    }
  }
}

resource "aws_iam_role_policy" "this" {
  name   = "${var.name}-permissions"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.permissions.json
}

resource "aws_iam_role_policy" "kms" {
  count = length(var.kms_key_arns) > 0 ? 1 : 0
  name  = "${var.name}-kms"
  role  = aws_iam_role.this.id
  policy = templatefile("${path.module}/policies/kms.json.tpl", {
    key_arns = var.kms_key_arns
  })
}
