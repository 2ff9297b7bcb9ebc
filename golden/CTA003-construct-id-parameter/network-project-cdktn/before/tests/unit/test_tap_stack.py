from cdktn import App, Testing

from lib.tap_stack import TapStack


def test_stack_synthesizes():
    stack = TapStack(App(), id="TestStack", environment_suffix="test")
    assert Testing.synth(stack)
