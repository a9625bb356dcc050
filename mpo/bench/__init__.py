"""`mpo bench`: the performance targets of the observatory, measured on synthetic sectors (issue 8)."""
