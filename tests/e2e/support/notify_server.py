"""A small org.freedesktop.Notifications server for the bell step: it advertises the `actions`
and `body-markup` capabilities, records every Notify call as one JSON line, and presses a button
on request (emits ActionInvoked), as a person clicking "Preparar" would.

    python3 notify_server.py RECORD.jsonl CONTROL_DIR

Pressing: write a file `CONTROL_DIR/press-<id>-<action>` (e.g. press-3-prepare); the server
emits ActionInvoked(id, action), then removes the file. Uses Debian's python3-dbus and
python3-gi (GLib main loop). Ends on SIGTERM.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time

import dbus
import dbus.service
from dbus.mainloop.glib import DBusGMainLoop
from gi.repository import GLib

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"


class Server(dbus.service.Object):
    def __init__(self, bus: dbus.Bus, record: str) -> None:
        super().__init__(bus, PATH)
        self.record = record
        self.next_id = 0

    @dbus.service.method(NAME, in_signature="", out_signature="as")
    def GetCapabilities(self):  # noqa: N802 (D-Bus names)
        return ["actions", "body", "body-markup"]

    @dbus.service.method(NAME, in_signature="", out_signature="ssss")
    def GetServerInformation(self):  # noqa: N802
        return ("mostrador-test", "mostrador", "1", "1.2")

    @dbus.service.method(NAME, in_signature="susssasa{sv}i", out_signature="u")
    def Notify(self, app, replaces, icon, summary, body, actions, hints, timeout):  # noqa: N802
        if replaces:
            nid = int(replaces)
        else:
            self.next_id += 1
            nid = self.next_id
        pairs = [(str(actions[i]), str(actions[i + 1])) for i in range(0, len(actions) - 1, 2)]
        entry = {
            "id": nid,
            "replaces": int(replaces),
            "app": str(app),
            "summary": str(summary),
            "body": str(body),
            "actions": pairs,
            "hints": sorted(str(k) for k in hints.keys()),
            "at": time.time(),
        }
        with open(self.record, "a", encoding="utf-8") as f:
            f.write(json.dumps(entry, ensure_ascii=False) + "\n")
        return dbus.UInt32(nid)

    @dbus.service.method(NAME, in_signature="u", out_signature="")
    def CloseNotification(self, nid):  # noqa: N802
        self.NotificationClosed(nid, 3)

    @dbus.service.signal(NAME, signature="us")
    def ActionInvoked(self, nid, action):  # noqa: N802
        pass

    @dbus.service.signal(NAME, signature="uu")
    def NotificationClosed(self, nid, reason):  # noqa: N802
        pass


def main() -> None:
    record, control = sys.argv[1], sys.argv[2]
    os.makedirs(control, exist_ok=True)
    DBusGMainLoop(set_as_default=True)
    bus = dbus.SessionBus()
    name = dbus.service.BusName(NAME, bus, do_not_queue=True)
    server = Server(bus, record)
    loop = GLib.MainLoop()

    def poll() -> bool:
        for entry in sorted(os.listdir(control)):
            if not entry.startswith("press-"):
                continue
            _, nid, action = entry.split("-", 2)
            server.ActionInvoked(dbus.UInt32(int(nid)), action)
            os.remove(os.path.join(control, entry))
        return True

    GLib.timeout_add(50, poll)
    signal.signal(signal.SIGTERM, lambda *_: loop.quit())
    print("ready", flush=True)
    loop.run()
    del name


if __name__ == "__main__":
    main()
