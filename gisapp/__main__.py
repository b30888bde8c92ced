import sys

from gisapp.cli import main

sys.exit(main())
