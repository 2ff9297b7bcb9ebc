"""Run as `python3 lib/main.py`: lib/ is the first entry of sys.path, so `stacks` is importable."""
from cdktf import App

from stacks.network_stack import NetworkStack

app = App()
NetworkStack(app, "network")
app.synth()
