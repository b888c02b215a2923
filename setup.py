"""The wheel carries the sample pavilion as package data (kiosk/shipped/sample).

It lives at the top of the checkout (config.yaml, zones/, media/, schema/), where curators and
developers edit and run it; this copies it into the package when a wheel is built. An editable
install reads it from the checkout instead (kiosk.resources.sample_site).
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SAMPLE_SITE = ("config.yaml", "zones", "media", "schema")


class BuildWithSample(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib, "kiosk", "shipped", "sample")
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        for part in SAMPLE_SITE:
            source = Path(part)
            if source.is_dir():
                shutil.copytree(source, target / part, ignore=shutil.ignore_patterns(".*", "__pycache__"))
            else:
                shutil.copy2(source, target / part)


setup(cmdclass={"build_py": BuildWithSample})
