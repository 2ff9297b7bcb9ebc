from cdktf import App

from lib.stack import TapStack

app = App()
TapStack(app, "tap")
app.synth()
