"""Assets of the processing job, by group: collection, then warehouse."""
