from cdktf import App, Testing

from lib.tap_stack import TapStack


def test_synthesizes():
    app = App()
    stack = TapStack(app, "TestStack")
    assert Testing.synth(stack)


def test_region():
    stack = TapStack(App(), "RegionStack", aws_region="eu-west-1")
    assert Testing.synth(stack)
