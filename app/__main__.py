"""``python -m app`` starts Twofold (the GUI, or a sub-command when one is given)."""

import sys

from app.main import main

if __name__ == "__main__":
    sys.exit(main())
