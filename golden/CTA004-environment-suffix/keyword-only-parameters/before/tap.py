import os

from cdktf import App

from tap_stack import TapStack

environment_suffix = os.getenv("ENVIRONMENT_SUFFIX", "dev")
app = App()
TapStack(app, "tap", aws_region="eu-west-1")
app.synth()
