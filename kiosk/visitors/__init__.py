"""Visitors: sessions, their SQLite store and the reports staff read; no pygame involved."""
