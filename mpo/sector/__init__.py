"""The synthetic sector: reference data and returns, calibrated to docs/brief.md (see generate.py)."""
