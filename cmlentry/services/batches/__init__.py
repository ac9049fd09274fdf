"""Batches: a case as a record, and the CDISC ODM 1.3.2 payload that carries records."""
