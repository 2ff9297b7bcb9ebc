import os
import sys

sys.path.append(os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))

from tap_stack import TapStack  # noqa: E402  (lib/ was put on sys.path above)

TapStack
