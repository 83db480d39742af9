"""Helpers of the end-to-end suite: processes, the backend, D-Bus notifications, the app."""
