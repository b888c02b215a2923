"""The pavilion kiosk: a touchscreen exhibit whose content curators write in YAML."""

__version__ = "0.1.0"
