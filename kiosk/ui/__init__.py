"""The touchscreen: the only package that touches pygame.

Importing it checks that pygame is pygame-ce: the plain `pygame` package installs into the
same folder and silently replaces it.
"""

import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

if not getattr(pygame, "IS_CE", False):
    raise ImportError(
        "the plain 'pygame' package is installed and hides pygame-ce; fix with: "
        "pip uninstall -y pygame pygame-ce && pip install pygame-ce"
    )
