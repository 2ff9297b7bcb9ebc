from cdktf import App

from lib.stack import MainStack

app = App()
MainStack(app, "main")
app.synth()
