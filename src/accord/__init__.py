"""accord: where sources agree, contradict each other, or stand alone."""
__version__ = "0.1.0"
