"""``python3 -m gazetteers`` (from scripts/): the same as ``python3 scripts/import_gazetteers.py``."""

from .cli import main

main()
