"""Each language psychoed knows: its words, phone patterns and readability formulas."""
