"""What the app hands to the system: a stand-in `xdg-open` that logs its arguments, and a
stand-in phone/mail app registered for tel: and mailto: links (so the app sees a handler, as on
a desktop with a softphone), which a step can remove to see the "no phone app" path."""

from __future__ import annotations

import os
import time
from pathlib import Path

XDG_OPEN = """#!/bin/sh
# Stand-in for xdg-open (e2e): record the URL, open nothing.
printf '%s\\n' "$*" >> "$E2E_OPEN_LOG"
"""

DESKTOP = """[Desktop Entry]
Type=Application
Name=Teléfono (e2e)
Exec=true %u
NoDisplay=true
MimeType=x-scheme-handler/tel;x-scheme-handler/mailto;
"""


class Links:
    """The stand-in `xdg-open` (in `bin_dir`) and its log."""

    def __init__(self, workdir: Path) -> None:
        self.bin_dir = workdir / "stand-in-bin"
        self.bin_dir.mkdir(parents=True, exist_ok=True)
        self.log = workdir / "xdg-open.log"
        self.log.touch()
        script = self.bin_dir / "xdg-open"
        script.write_text(XDG_OPEN)
        script.chmod(0o755)
        data_home = Path(os.environ.get("XDG_DATA_HOME", workdir / "data"))
        self.desktop = data_home / "applications" / "mostrador-e2e-contact.desktop"
        self.register_contact_app()

    def register_contact_app(self) -> None:
        """A phone and mail app is installed (xdg-mime finds it by its MimeType)."""
        self.desktop.parent.mkdir(parents=True, exist_ok=True)
        self.desktop.write_text(DESKTOP)

    def remove_contact_app(self) -> None:
        """No app handles tel: or mailto: any more (a counter PC without a softphone)."""
        self.desktop.unlink(missing_ok=True)

    def calls(self) -> list[str]:
        """Every URL handed to xdg-open so far, in order."""
        return [line for line in self.log.read_text().splitlines() if line]

    def wait_calls(self, count: int, timeout: float = 10.0) -> list[str]:
        """The calls once there are at least `count` (or whatever there is at the timeout)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and len(self.calls()) < count:
            time.sleep(0.1)
        return self.calls()
