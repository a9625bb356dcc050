"""The synthetic sector: reference data and providers' returns, calibrated to docs/brief.md (see generate.py)."""
