"""``python -m upwork_safety``: the same as the ``upwork-safety`` command."""

import sys

from upwork_safety.cli import main

sys.exit(main())
