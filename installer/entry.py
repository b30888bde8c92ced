"""What the built gisapp program runs: the same entry point as the `gisapp` console script."""

import sys

from gisapp.cli import main

if __name__ == "__main__":
    sys.exit(main())
