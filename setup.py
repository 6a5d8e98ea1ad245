"""Packs the stock library (modules/, curriculum/, overrides/) into the wheel as
psychoed/stock/, so an installed psychoed carries its lessons and theme; a source checkout
reads them from the repository folders instead (see loader.stock_root)."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

STOCK = ("modules", "curriculum", "overrides")


class BuildWithStock(build_py):
    def run(self):
        super().run()
        here = Path(__file__).resolve().parent
        target = Path(self.build_lib) / "psychoed" / "stock"
        for folder in STOCK:
            shutil.rmtree(target / folder, ignore_errors=True)
            shutil.copytree(here / folder, target / folder)


setup(cmdclass={"build_py": BuildWithStock})
