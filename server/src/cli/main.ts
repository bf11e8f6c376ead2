// CLI entry (to be written).
