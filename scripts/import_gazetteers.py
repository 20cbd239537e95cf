#!/usr/bin/env python3
"""Generate claimgraph's open-data gazetteers and name lexicons: see scripts/gazetteers/cli.py
(usage, options) and the module of each source in scripts/gazetteers/ (the precision rules)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gazetteers.cli import main  # noqa: E402

if __name__ == "__main__":
    main()
