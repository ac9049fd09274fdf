"""The only package that handles key material in the clear."""
