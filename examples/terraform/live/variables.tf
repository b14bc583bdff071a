variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "environment" {
  type = string
}

variable "github_repository" {
  description = "owner/name of the repository allowed to deploy"
  type        = string
}

variable "vpc_endpoint_id" {
  type = string
}
