# Sourced by scripts/setup, test and demo: the Python that activis's scripts use.
#
# Inside a virtual environment already (VIRTUAL_ENV set), that one; otherwise the
# project's own .venv, created on first use with `python3 -m venv`. Stock Debian 12
# and Ubuntu 23.04+ refuse `pip install` outside a virtual environment (PEP 668), so
# nothing is ever installed into the system's Python. The environment's bin/ goes
# first on PATH, so that `python3`, `pytest` and the scripts' `#!/usr/bin/env python3`
# all use it.
activis_python_env() {
  local root venv
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  if [ -n "${VIRTUAL_ENV:-}" ] && [ -x "$VIRTUAL_ENV/bin/python" ]; then
    venv="$VIRTUAL_ENV"
  else
    venv="$root/.venv"
    if [ ! -x "$venv/bin/python" ]; then
      printf '\033[1m== %s\033[0m\n' "creating the project's Python environment (.venv)" >&2
      python3 -m venv "$venv"
    fi
  fi
  export VIRTUAL_ENV="$venv"
  export PATH="$venv/bin:$PATH"
  hash -r
}
activis_python_env
