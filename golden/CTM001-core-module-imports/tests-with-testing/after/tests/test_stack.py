import cdktn.testing_matchers
from cdktn import Testing
from cdktn.testing_matchers import to_be_valid_terraform

from lib.stack import MainStack


def test_synthesizes():
    stack = MainStack(Testing.app(), "test")
    assert Testing.to_be_valid_terraform(Testing.full_synth(stack))
    assert cdktn.testing_matchers is not None
