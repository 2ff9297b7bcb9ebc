from cdktn import App, Testing

from lib.tap_stack import TapStack


def test_synthesizes():
    assert Testing.synth(TapStack(App(), "TestStack", environment_suffix="test"))
