"""What every output shares: the renderer interface, the per-locale view, links and fonts."""
