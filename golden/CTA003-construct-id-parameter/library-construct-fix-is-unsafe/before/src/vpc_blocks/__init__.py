from vpc_blocks.network import Network, TieredNetwork

__all__ = ["Network", "TieredNetwork"]
