"""Readers and writers: one module per format, each with a load/dump pair."""
