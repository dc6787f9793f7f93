"""Pull-request review: what a change to the facts adds, changes or withdraws, and the
rules that compare it with the base branch (no deleting, no renaming, corrections for a
new verdict, ``checked`` moving forward, possible duplicates).
"""
