import sys

from quotegraph.cli import main

sys.exit(main())
