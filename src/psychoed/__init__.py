"""psychoed: psychoeducation curricula for substance use IOPs, from Markdown and YAML to sites and PDFs."""

__version__ = "0.1.0"
