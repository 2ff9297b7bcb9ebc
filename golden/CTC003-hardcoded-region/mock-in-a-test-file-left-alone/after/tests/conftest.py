import pytest


@pytest.fixture
def region():
    return "eu-west-1"


@pytest.fixture
def account_arn():
    return "arn:aws:iam::123456789012:root"
