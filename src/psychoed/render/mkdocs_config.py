"""A fresh MkDocs configuration for one edition, with the psychoed plugin set up for it."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import ConfigurationError

from ..errors import CurriculumError, Report
from ..load.mkdocs_yml import check_mkdocs_yml
from ..model import Curriculum
from .engine import config_file as find_config_file
from .options import BuildOptions


def mkdocs_config(
    root: Path,
    edition: str,
    site_dir: Path,
    curriculum: Curriculum | None = None,
    options: BuildOptions | None = None,
    **overrides,
):
    """A fresh MkDocs config for one edition (plugins keep state, so never reuse one).

    Without `options`, the plugin's options are mkdocs.yml's (a preview, a probe of its Markdown).
    """
    config_file = find_config_file(root)
    if config_file is None:
        raise CurriculumError(
            "mkdocs.yml",
            None,
            "there is no mkdocs.yml in this folder",
            "run psychoed in a program folder, or create one with `psychoed init DIR`",
            rule="usage",
        )
    name = config_file.name
    unsafe = Report()
    check_mkdocs_yml(root, unsafe)  # before MkDocs' own loader runs the file's tags
    if unsafe.errors:
        raise unsafe.errors[0]
    try:
        config = load_config(str(config_file), site_dir=str(site_dir), **overrides)
    except ConfigurationError as exc:
        raise CurriculumError(
            name,
            None,
            f"the MkDocs configuration is not valid: {exc}",
            "compare it with the mkdocs.yml that `psychoed init` writes",
        ) from None
    plugin = config.plugins.get("psychoed")
    if plugin is None:
        raise CurriculumError(
            name, None, f"{name} does not use the psychoed plugin", "add `- psychoed` under `plugins:`"
        )
    # MkDocs keeps one instance of a plugin with on_startup for the whole process (for serve's
    # rebuilds); announce a build, as `mkdocs build` does, so no earlier serve state carries over.
    config.plugins.on_startup(command="build", dirty=False)
    # The edition is the command's: neither a serve's choice nor mkdocs.yml's `edition:` decides it.
    plugin.preview, plugin.config.edition = None, edition
    if options is not None:
        options.apply(plugin.config)
    plugin.preloaded = curriculum
    # The instance outlives one build (see above): nothing of an earlier edition's render carries
    # over, the participant edition's offline zip above all.
    plugin.sinks, plugin.defer_pdfs = [], False
    return config
