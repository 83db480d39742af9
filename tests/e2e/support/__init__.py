"""Helpers of the end-to-end suite: processes, the reference backend, D-Bus notifications, the app."""
