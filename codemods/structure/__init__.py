"""CTA: stack and construct structure (catalog A): which classes are stacks or constructs, their scope,
their construct ids and the parameters the main stack takes."""
