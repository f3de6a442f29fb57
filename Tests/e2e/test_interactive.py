"""The interactive shell in a real terminal, driven through tmux.

Ctrl-C during a long t-SNE projection returns to the prompt with the session whole
(subsets, matrix rows); Ctrl-C at the prompt drops the line; Ctrl-D leaves with
status 0; the history is in $ACTIVIS_HISTORY however the shell ends.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from e2e_support import find_binary

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (scripts/setup)")


class Terminal:
    """One tmux session running activis in a 120 × 40 window."""

    def __init__(self, command: list[str], env: dict[str, str]):
        self.name = f"activis-e2e-{uuid.uuid4().hex[:8]}"
        exports = " ".join(f"{key}={shlex.quote(value)}" for key, value in env.items())
        shell_line = f"env {exports} {' '.join(shlex.quote(part) for part in command)}"
        # A tmux server of its own (-L): a shared server exiting as another test's session closes
        # makes new-session fail now and then.
        self.tmux("new-session", "-d", "-s", self.name, "-x", "120", "-y", "40", shell_line)
        self.tmux("set-option", "-t", self.name, "remain-on-exit", "on")

    def tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.name, *args], check=True, capture_output=True, text=True).stdout

    def screen(self) -> str:
        """The visible screen and the scroll-back."""
        return self.tmux("capture-pane", "-p", "-J", "-S", "-2000", "-t", self.name)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", self.name, "-l", text)

    def enter(self, text: str) -> None:
        self.type(text)
        self.tmux("send-keys", "-t", self.name, "Enter")

    def key(self, name: str) -> None:
        self.tmux("send-keys", "-t", self.name, name)

    def wait_for(self, predicate, what: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if predicate(screen):
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}; screen:\n{screen}")
            time.sleep(0.1)

    def wait_text(self, text: str, count: int = 1, timeout: float = 20.0) -> str:
        return self.wait_for(lambda screen: screen.count(text) >= count, repr(text), timeout)

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.name, "kill-server"], capture_output=True)


@pytest.fixture(scope="module")
def binary() -> Path:
    found = find_binary()
    if found is None:
        pytest.fail("activis binary not found: run `swift build` or set ACTIVIS_BIN", pytrace=False)
    return Path(found).resolve()


@pytest.fixture(scope="module")
def big_bundle(tmp_path_factory) -> Path:
    """20,000 instances with a 64-neuron layer: `project tsne sample 20000` takes several seconds."""
    out = tmp_path_factory.mktemp("interactive") / "big"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make-bundle"), str(out), "-n", "20000",
                    "--layer", "fc:64"], check=True, capture_output=True)
    return out


@pytest.fixture
def history(tmp_path) -> Path:
    return tmp_path / "history"


PROMPT = "synthetic-trec:fc>"  # the bundle's name and its one layer, selected on load


def start(binary: Path, bundle: Path, history: Path) -> Terminal:
    env = {"ACTIVIS_HISTORY": str(history), "TERM": "xterm-256color", "NO_COLOR": "1",
           "HOME": str(history.parent)}
    # sh reports the exit status on the screen (tmux may leave an exited pane unreaped, without a
    # status); its Ctrl-C trap keeps it alive through the Ctrl-C meant for activis (the child gets
    # the default action back, and installs its own handler).
    command = ["sh", "-c", 'trap : INT; "$0" "$@"; echo "[exit status $?]"', str(binary), str(bundle)]
    terminal = Terminal(command, env)
    terminal.wait_text(PROMPT)
    return terminal


def test_ctrl_c_stops_a_long_projection_and_keeps_the_session(binary, big_bundle, history):
    terminal = start(binary, big_bundle, history)
    try:
        terminal.enter("select layer fc")
        terminal.wait_text(PROMPT, count=2)
        terminal.enter("subset s = where correct")
        terminal.wait_text(PROMPT, count=3)
        terminal.enter("add #0")
        terminal.wait_text(PROMPT, count=4)

        terminal.enter("project tsne sample 20000")
        # Ctrl-C once the projection shows its progress (a command running over half a second does).
        running = terminal.wait_text("t-SNE: ")
        assert running.count(PROMPT) == 4, f"the projection should still run:\n{running}"
        terminal.key("C-c")
        # The prompt comes back with "interrupted": the projection (minutes in a debug build)
        # was stopped, not finished.
        screen = terminal.wait_text(PROMPT, count=5, timeout=10)
        assert "interrupted" in screen

        terminal.enter("subsets")
        terminal.wait_text(PROMPT, count=6)
        terminal.enter("set format csv")
        terminal.wait_text(PROMPT, count=7)
        terminal.enter("matrix")
        screen = terminal.wait_text(PROMPT, count=8)
        rows = [line.split(",")[0] for line in screen.splitlines() if line.count(",") >= 60]
        assert "s" in rows and "#0" in rows, f"matrix rows lost after Ctrl-C:\n{screen}"
        assert "correct" in screen  # the subset's definition, listed by `subsets`

        terminal.enter("set format table")
        terminal.wait_text(PROMPT, count=9)
        terminal.enter("project pca")
        terminal.wait_text(PROMPT, count=10, timeout=30)

        time.sleep(0.5)  # let the line editor switch the terminal to raw mode: a ^D typed before is lost
        terminal.key("C-d")
        screen = terminal.wait_text("[exit status ", timeout=10)
        assert "[exit status 0]" in screen, screen
    finally:
        terminal.close()
    lines = history.read_text().splitlines()
    for command in ["select layer fc", "subset s = where correct", "project tsne sample 20000", "matrix",
                    "project pca"]:
        assert command in lines, f"{command!r} not in the history {lines}"


def test_ctrl_c_at_the_prompt_drops_the_line_and_history_survives_a_killed_terminal(binary, big_bundle, history):
    terminal = start(binary, big_bundle, history)
    try:
        time.sleep(0.5)
        terminal.type("info never run")
        terminal.key("C-c")
        time.sleep(0.3)
        terminal.enter("layers")
        screen = terminal.wait_for(lambda text: "float32" in text, "the layers table")
        assert "error" not in screen, screen
        assert "[exit status" not in screen
    finally:
        terminal.close()  # the terminal goes away: SIGHUP, no quit
    time.sleep(0.5)
    lines = history.read_text().splitlines()
    assert "layers" in lines
    assert all("never run" not in line for line in lines)
