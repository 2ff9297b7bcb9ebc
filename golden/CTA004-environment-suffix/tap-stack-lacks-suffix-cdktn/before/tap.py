import os

from cdktn import App

from lib.tap_stack import TapStack

environment_suffix = os.getenv("ENVIRONMENT_SUFFIX", "dev")
app = App()
TapStack(app, f"TapStack{environment_suffix}")
app.synth()
