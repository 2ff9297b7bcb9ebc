import os

from cdktf import App

from stacks.tap_stack import TapStack

environment_suffix = os.getenv("ENVIRONMENT_SUFFIX", "dev")
app = App()
TapStack(app, "tap", environment_suffix=environment_suffix)
app.synth()
