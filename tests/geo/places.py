"""Town-centre coordinates from public sources, independent of the shipped gazetteer.

Degrees as published on the towns' encyclopedia pages (rounded to 4 decimals); they are not
the gazetteer's own points, so tests against them check the data as well as the code.
"""

from __future__ import annotations

CHELMSFORD = (51.7361, 0.4794)
COLCHESTER = (51.8919, 0.9031)
SOUTHEND = (51.5459, 0.7077)
BASILDON = (51.5761, 0.4886)
HARLOW = (51.7727, 0.1023)
CLACTON = (51.7918, 1.1457)
BRENTWOOD = (51.6206, 0.3056)
LONDON_CHARING_CROSS = (51.5073, -0.1277)
BIRMINGHAM = (52.4862, -1.8904)

# geopy's documentation example (great_circle(newport_ri, cleveland_oh).km == 864.21...)
NEWPORT_RI = (41.49008, -71.312796)
CLEVELAND_OH = (41.499498, -81.695391)

# a box round greater Essex, for random points
ESSEX_LAT = (51.45, 52.05)
ESSEX_LON = (0.0, 1.3)
