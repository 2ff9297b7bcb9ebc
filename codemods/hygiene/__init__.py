"""CTF: project hygiene (catalog F): outputs, observability and cost tags. Advisories, off by default."""
