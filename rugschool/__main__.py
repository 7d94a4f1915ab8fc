"""`python -m rugschool`: the same as the `rugschool` command."""

import sys

from rugschool.cli import main

if __name__ == "__main__":
    sys.exit(main())
