"""An article fetched from a URL, and why a page could not be fetched, in words."""
