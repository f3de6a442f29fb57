"""scripts/install puts the binary, completions and examples under a prefix, and
--uninstall takes them away again."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_install_and_uninstall(tmp_path):
    prefix = tmp_path / "prefix"
    env = dict(os.environ, PATH=os.environ.get("PATH", ""))
    done = subprocess.run([str(REPO / "scripts" / "install"), "--debug", "--prefix", str(prefix)],
                          capture_output=True, text=True, env=env, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    binary = prefix / "bin" / "activis"
    version = subprocess.run([str(binary), "--version"], capture_output=True, text=True, timeout=60)
    assert version.stdout.startswith("activis ")
    for path in ["share/bash-completion/completions/activis", "share/zsh/site-functions/_activis",
                 "share/fish/vendor_completions.d/activis.fish"]:
        script = (prefix / path).read_text()
        assert "command" in script and "format" in script and "no-color" in script, path
    examples = sorted(p.name for p in (prefix / "share" / "activis" / "examples").iterdir())
    assert examples == sorted(p.name for p in (REPO / "examples").glob("*.avq"))
    subprocess.run([str(REPO / "scripts" / "install"), "--uninstall", "--prefix", str(prefix)], check=True,
                   capture_output=True, timeout=60)
    assert not binary.exists() and not (prefix / "share" / "activis").exists()
