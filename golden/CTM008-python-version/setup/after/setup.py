from setuptools import setup

setup(
    name="payments-infra",
    python_requires=">=3.8, <4",
)
