from cdktn import App

import lib.stacks.base
from lib.stacks.base import BaseStack

app = App()
BaseStack(app, "base")
print(lib.stacks.base.BaseStack)
app.synth()
