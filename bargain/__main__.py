"""``python -m bargain`` runs the ``bargain`` command."""

import sys

from .cli import main

sys.exit(main())
