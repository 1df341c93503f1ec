"""Analyses over maps and comparisons: graph algorithms, issue matrix, author network, suggestions."""  # noqa: E501
