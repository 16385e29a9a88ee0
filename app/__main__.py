"""``python -m app`` starts Twofold (the GUI, or a sub-command when one is given)."""

from app.main import run

if __name__ == "__main__":
    run()
