"""Wire dialects: each translates one vendor's API to the core and back."""
