from setuptools import setup

setup(name="infra", python_requires=">=3.10")
