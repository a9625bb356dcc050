"""Return files as providers see them: names, parts and containers."""
