"""Sources: one package per platform, each turning what it reads into a ChannelData (see base.py)."""
