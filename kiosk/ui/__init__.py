"""The touchscreen: the only package that touches pygame."""
