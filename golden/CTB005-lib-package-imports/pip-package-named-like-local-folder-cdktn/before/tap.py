from cdktn import App

import stacks.base
from lib.stacks.base import BaseStack

app = App()
BaseStack(app, "base")
print(stacks.base.BaseStack)
app.synth()
