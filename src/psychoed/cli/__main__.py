"""`python -m psychoed.cli`: the command line, as the `psychoed` script runs it."""

from . import main

raise SystemExit(main())
