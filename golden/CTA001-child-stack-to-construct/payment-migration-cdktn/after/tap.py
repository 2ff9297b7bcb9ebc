#!/usr/bin/env python
import os

from cdktn import App

from lib.tap_stack import TapStack

environment_suffix = os.environ.get("ENVIRONMENT_SUFFIX", "dev")

app = App()
TapStack(app, f"TapStack{environment_suffix}", environment_suffix=environment_suffix)
app.synth()
