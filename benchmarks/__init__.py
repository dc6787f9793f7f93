"""``make bench``: the performance figures of issue-sized sites, measured side by side in one run.

Run ``python -m benchmarks --help``; the README's "Benchmark" section explains each figure.
"""
