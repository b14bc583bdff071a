variable "name" {
  description = "Role name"
  type        = string
}

variable "service" {
  description = "Service principal that assumes the role, e.g. lambda.amazonaws.com"
  type        = string
}

variable "account_id" {
  description = "The account the role lives in"
  type        = string
}

variable "bucket_arns" {
  description = "Buckets (and object paths) the service may use"
  type        = list(string)
}

variable "bucket_actions" {
  type    = list(string)
  default = ["s3:GetObject", "s3:ListBucket"]
}

variable "allow_pass_role" {
  description = "Whether the service may pass roles to other services"
  type        = bool
  default     = false
}

variable "kms_key_arns" {
  type    = list(string)
  default = []
}

variable "permissions_boundary" {
  type    = string
  default = null
}

variable "tags" {
  type    = map(string)
  default = {}
}
