"""Screens of the kiosk: attract, language, home, zone."""
