"""leakcheck: a read-only Money-Leak Check for merchants who sell the same stock on several channels."""

__version__ = "0.1.0"
