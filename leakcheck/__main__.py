"""``python -m leakcheck``: the same as the ``leakcheck`` command."""

from .cli import main

main()
