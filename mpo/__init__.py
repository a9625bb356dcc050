"""Mentoring Provision Observatory: the national collection of FE mentoring provision returns."""
