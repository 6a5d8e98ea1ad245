"""Markdown of lessons: blocks, the edition's view (facilitator text removed), literal text, limits."""
