from cdktn import App, Testing

from lib.tap_stack import TapStack


def test_synthesizes():
    app = App()
    stack = TapStack(app, "TestStack")
    assert Testing.synth(stack)
