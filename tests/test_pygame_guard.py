"""The plain pygame package, installed over pygame-ce, is refused with a clear message."""

from __future__ import annotations

import importlib
import sys
import types

import pytest


def test_plain_pygame_is_refused(monkeypatch):
    plain = types.ModuleType("pygame")  # plain pygame has no IS_CE
    monkeypatch.setitem(sys.modules, "pygame", plain)
    monkeypatch.delitem(sys.modules, "kiosk.ui", raising=False)
    with pytest.raises(ImportError, match="pip uninstall -y pygame pygame-ce && pip install pygame-ce"):
        importlib.import_module("kiosk.ui")


def test_pygame_ce_is_what_is_installed():
    import pygame

    assert pygame.IS_CE
