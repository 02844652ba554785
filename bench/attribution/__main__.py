import sys

from bench.attribution.cli import main

sys.exit(main())
