"""Key presses -> the keypad path's names (`keypad.KEYS`), from a USB keypad or a keyboard.

The arrows and the number pad's 8/4/6/2 move (with Num Lock off a keypad sends arrows
itself), Enter, the pad's Enter, 5 and the space bar activate, and the pad's + (or H, ?,
F1) is help. Any other key is `other`: it wakes the attract screen and counts as a touch.
Held down, only the arrows repeat: a held Enter acts once, as a finger held on a button.
"""

from __future__ import annotations

import pygame

KEY_REPEAT_DELAY_MS = 600  # holding an arrow: the ring moves again after this long,
KEY_REPEAT_MS = 250  # then four controls a second, slow enough to let go on the right one

NAMES = {
    pygame.K_UP: "up",
    pygame.K_KP_8: "up",
    pygame.K_DOWN: "down",
    pygame.K_KP_2: "down",
    pygame.K_LEFT: "left",
    pygame.K_KP_4: "left",
    pygame.K_RIGHT: "right",
    pygame.K_KP_6: "right",
    pygame.K_RETURN: "enter",
    pygame.K_KP_ENTER: "enter",
    pygame.K_KP_5: "enter",
    pygame.K_SPACE: "enter",
    pygame.K_KP_PLUS: "help",
    pygame.K_h: "help",
    pygame.K_QUESTION: "help",
    pygame.K_SLASH: "help",  # "?" on most layouts, with Shift
    pygame.K_F1: "help",
}
REPEATS = ("up", "down", "left", "right")
# Pressed alone these say nothing (Shift before "?", Num Lock on a keypad).
SILENT = {
    pygame.K_LSHIFT,
    pygame.K_RSHIFT,
    pygame.K_LCTRL,
    pygame.K_RCTRL,
    pygame.K_LALT,
    pygame.K_RALT,
    pygame.K_LGUI,
    pygame.K_RGUI,
    pygame.K_NUMLOCKCLEAR,
    pygame.K_CAPSLOCK,
    pygame.K_SCROLLLOCK,
    pygame.K_MODE,
}


class KeyInput:
    def __init__(self) -> None:
        self._held: set[int] = set()

    def translate(self, event: pygame.event.Event) -> str | None:
        """The keypad name of a key press, or None (a release, a repeat that must not act)."""
        if event.type == pygame.KEYUP:
            self._held.discard(event.key)
            return None
        if event.type != pygame.KEYDOWN or event.key in SILENT:
            return None
        name = NAMES.get(event.key, "other")
        if event.key in self._held and name not in REPEATS:
            return None  # pygame's repeat of a held Enter or help
        self._held.add(event.key)
        return name
