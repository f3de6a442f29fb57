"""Runs a benchmark script under the project's Python environment.

Stock Debian 12 and Ubuntu 23.04+ refuse `pip install` outside a virtual environment
(PEP 668), and the benchmarks install their reference tools (numpy, scikit-learn, …)
with pip. So a script started with the system's python3 starts itself again with the
environment's python: $VIRTUAL_ENV when set, else the project's .venv (created on first
use, as scripts/lib/python-env.sh does for the shell scripts).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent


def in_virtual_environment() -> bool:
    """Whether this interpreter runs inside a virtual environment."""
    return sys.prefix != getattr(sys, "base_prefix", sys.prefix)


def run_in_project_environment() -> None:
    """Returns at once inside a virtual environment; otherwise replaces this process
    with the same script and arguments under the environment's python."""
    if in_virtual_environment():
        return
    environment = Path(os.environ.get("VIRTUAL_ENV") or REPO / ".venv")
    python = environment / "bin" / "python"
    if not python.exists():
        print(f"== creating the project's Python environment ({environment})", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(environment)], check=True)
    os.environ["VIRTUAL_ENV"] = str(environment)
    os.environ["PATH"] = f"{environment / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"
    os.execv(str(python), [str(python), *sys.argv])
