"""The project's own construct library; `constructs` the pip package is another thing."""
from lib.constructs.network import Network

__all__ = ["Network"]
