"""cdktf-fixer: LibCST codemods that repair CDK for Terraform Python code."""

__version__ = "0.2.0"
