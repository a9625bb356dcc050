"""The machine form of the collection spec (docs/spec.md): parts, rules, and the pandera models."""
