"""Run the command line as ``python -m argmap``."""

from argmap.cli import main

__all__: list[str] = []

raise SystemExit(main())
