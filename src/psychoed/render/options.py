"""What a build was asked for: made once by the command line and handed inward, never a dict."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BuildOptions:
    """`psychoed build`'s options. The edition and language are not among them: they travel as
    arguments (and never through the environment, where a variable left set in a shell would
    publish the facilitator edition as the participant site)."""

    pdf: bool = True  # the PDF handouts, workbooks and guides (`--no-pdf` turns them off)
    large_print: bool = False  # also 18 pt large-print participant PDFs (program.yml's `large_print` too)
    progress: bool = False  # a progress bar for the PDFs, on a terminal
    strict: bool = False  # content warnings fail the build

    def apply(self, plugin_config) -> None:
        """Set the psychoed plugin's options (config.py) for a build driven by psychoed."""
        plugin_config.pdf, plugin_config.large_print, plugin_config.progress = self.pdf, self.large_print, self.progress
