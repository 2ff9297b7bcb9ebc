from cdktf import App

from lib.tap_stack import TapStack, EdgeStack

app = App()
TapStack(app, "tap")
EdgeStack(app, "edge")
app.synth()
