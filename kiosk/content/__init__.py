"""Content: the exhibit read from zones/*.yaml and media/, with no pygame involved."""
