"""Many kiosks, one pavilion: visitor records forwarded to a central PostgreSQL store."""
