"""``python -m ecoanalysis`` is the ``ecoanalysis`` command."""
from .cli import main

raise SystemExit(main())
