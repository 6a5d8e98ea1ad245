"""Packs the stock library (modules/, curriculum/, overrides/) into the wheel as
psychoed/stock/, so an installed psychoed carries its lessons and theme; a source checkout
reads them from the repository folders instead (see resources.stock_root).

It also writes psychoed/stock/history.json.gz: every version of every stock lesson in the git
history the wheel is built from, by `stock_hash`, so that `psychoed diff` can show a director
what changed in a lesson since their copy was made (see stockhistory.py).
"""

import importlib.util
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

STOCK = ("modules", "curriculum", "overrides")
HERE = Path(__file__).resolve().parent


def _stockhistory():
    """psychoed/stockhistory.py, loaded from its file (the package itself is not installed yet)."""
    spec = importlib.util.spec_from_file_location("_psychoed_stockhistory", HERE / "src" / "psychoed" / "stockhistory.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class BuildWithStock(build_py):
    def run(self):
        super().run()
        target = Path(self.build_lib) / "psychoed" / "stock"
        for folder in STOCK:
            shutil.rmtree(target / folder, ignore_errors=True)
            shutil.copytree(HERE / folder, target / folder)
        history = _stockhistory()
        history.write_history(target, HERE, target / history.HISTORY_FILE)


setup(cmdclass={"build_py": BuildWithStock})
