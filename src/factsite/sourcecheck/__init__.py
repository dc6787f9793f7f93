"""``factsite check-sources``: whether the pages the facts cite still answer (`sources`), and the
report of the broken ones for an issue (`source_report`). Opt-in: it is the only part of the
package that uses the network."""
