"""Load: program.yml, lessons and tracks read into typed objects, each with its file and line."""
