"""Synthetic handover data (all fictitious)."""
