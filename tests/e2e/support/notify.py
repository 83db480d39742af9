"""Desktop notifications as D-Bus saw them: the `dbus-monitor` log of Notify calls."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

HEADER = re.compile(r"^method call time=(?P<time>[0-9.]+) .*member=Notify\s*$")
# A top-level argument line: exactly three spaces of indent, then the type.
TOP_ARG = re.compile(r"^   (?=\S)")


@dataclass(frozen=True)
class Notification:
    """One `org.freedesktop.Notifications.Notify` call."""

    at: float  # epoch seconds, dbus-monitor's own stamp of the call
    app: str
    title: str
    body: str

    def text(self) -> str:
        """Title and body together, for matching."""
        return f"{self.title}\n{self.body}"


def _unquote(arg: str) -> str | None:
    """The value of a `string "..."` argument (which may span lines), else None."""
    arg = arg.strip()
    if not arg.startswith('string "') or not arg.endswith('"'):
        return None
    return arg[len('string "') : -1].replace('\\"', '"')


def parse(text: str) -> list[Notification]:
    """Every Notify call in a dbus-monitor log. Arguments: app_name, replaces_id, app_icon,
    summary (the title), body, actions, hints, timeout."""
    found: list[Notification] = []
    blocks = re.split(r"\n(?=\S)", text)
    for block in blocks:
        lines = block.split("\n")
        head = HEADER.match(lines[0])
        if not head:
            continue
        args: list[str] = []
        for line in lines[1:]:
            if TOP_ARG.match(line) or not args:
                args.append(line)
            else:
                args[-1] += "\n" + line
        strings = [_unquote(a) for a in args[:5]]
        if len(strings) < 5 or None in (strings[0], strings[2], strings[3], strings[4]):
            continue  # a half-written block: the next read sees it whole
        found.append(
            Notification(float(head["time"]), strings[0] or "", strings[3] or "", strings[4] or "")
        )
    return found


class NotifyLog:
    """Reads the log that tests/e2e/session.sh has dbus-monitor write."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def all(self) -> list[Notification]:
        """Every notification so far, oldest first."""
        return parse(self.path.read_text(encoding="utf-8", errors="replace"))

    def wait_for(
        self,
        predicate: Callable[[Notification], bool],
        timeout: float,
        what: str,
        since: float = 0.0,
    ) -> Notification:
        """The first notification at or after `since` (epoch s) matching `predicate`."""
        deadline = time.monotonic() + timeout
        while True:
            for n in self.all():
                if n.at >= since and predicate(n):
                    return n
            if time.monotonic() > deadline:
                seen = "\n".join(f"  {n.at:.3f} {n.title!r} / {n.body!r}" for n in self.all())
                raise AssertionError(
                    f"no desktop notification {what} within {timeout} s; D-Bus saw:\n{seen}"
                )
            time.sleep(0.05)

    def about(self, needle: str, since: float = 0.0) -> list[Notification]:
        """Notifications since `since` whose title or body mentions `needle`."""
        return [n for n in self.all() if n.at >= since and needle in n.text()]
