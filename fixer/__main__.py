"""`python -m fixer`: the command line, as the installed `cdktf-fixer` runs it."""

import os
import sys

# `python -m` puts the working folder first on the import path, and cdktf-fixer runs in the project it
# checks: a project's own `secrets.py` or `types.py` would be imported in place of the standard library
# module of that name (the installed `cdktf-fixer` command has its own folder there instead).
if sys.path and os.path.realpath(sys.path[0] or os.curdir) == os.path.realpath(os.getcwd()):
    del sys.path[0]

from fixer.cli import main  # after the import path is settled

if __name__ == "__main__":
    main()
