"""The collection: receive, archive, validate and load providers' returns (spec sections 1-4)."""
