"""``python -m iconkit``: the command line."""

from iconkit.cli import run

if __name__ == "__main__":  # not when a process pool's worker imports the main module
    run()
