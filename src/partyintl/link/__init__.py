"""Links to Party Facts: the snapshot, the matcher, decisions files and their replay.

Kept free of imports: the command line's spec reads DEFAULT_THRESHOLD on every run.
"""

#: The score a sole candidate needs for `link --accept-unique` to accept it.
DEFAULT_THRESHOLD = 95.0
