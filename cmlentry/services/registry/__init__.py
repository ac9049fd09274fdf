"""The registry's side: centres and their keys, importing batches, acknowledgements, status."""
