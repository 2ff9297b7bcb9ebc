"""CTB: provider API usage (catalog B): class names and modules, nested blocks called as resources,
argument shapes, Terraform interpolation in Python strings, imports of the project's own modules."""
