"""One event, many reports: deciding which events from different reports are the same event.

Two events are compared by the weighted geometric mean of five similarities, each between 0 and 1:

    score = (type^w_type * date^w_date * place^w_place * actors^w_actors * wording^w_wording) ^ (1 / sum of w)

with the weights w of `MergeConfig.weights`.

A geometric mean because every condition must hold: another town, another day or an unrelated type
vetoes the merge however well the rest agrees, while a doubtful field only lowers the score.

- type: 1 for the same sub-event type, `fold_similarity` when ACLED would fold the two sub-types into
  one event (`data/merge/type_folds.tsv`: shelling inside a battle, an armed group's "arrest" that is an
  abduction), `event_type_similarity` for other sub-types of one event type, else 0.
- date: 1 when the date windows overlap (a day for time_precision 1, ACLED's Saturday-Friday week for 2,
  the month for 3), lowered for imprecise windows (a month says little: 0.4), falling linearly with the
  days between the windows to 0 beyond `max_day_gap` (1: a day apart scores half).
- place: 1 within `near_km`, falling linearly to 0 at `far_km` (both widened for coarse geo_precision);
  at least `admin2_similarity` in the same admin2, and `region_similarity` when one event is only
  coded to a region (geo_precision 3) that contains the other; `country_similarity` when one is only
  placed at country level (two such events share a centroid, not a place), `other_country_similarity`
  when an unplaced event's report points to another country.
- actors: the share of the smaller actor set found in the other ("Unidentified ..." matches anyone),
  never below `disjoint_actor_similarity`: actors are the field extraction gets wrong most often.
- wording: the share of the shorter event sentence's content words found in the other: sources telling
  one incident share its particulars, reports on the same topic do not.

A field that one source leaves empty neither supports nor refutes: it scores `unknown_similarity`.
Events merge when the score reaches `threshold`, through pivot clustering in a canonical order
(`clusters`): every member matches its cluster's pivot directly (no chains of near-matches), and the
clusters depend only on the set of events, not on the order reports arrived in.

Placed events never merge across countries, no event merges with events of its own report (the
report already tells them apart), and dated events only within `max_day_gap` days: that blocking keeps
the candidate search to a few weeks of one country. An unplaced event (no coordinates, or no country:
its country is at most its report's) may meet events of any country, found by event type and date.
An event without a date is compared with the events of its admin1 and the undated events of its
country (its date scores `unknown_similarity`), so undated events are the expensive ones; reports with
a publication date rarely leave an event undated. `docs/merging.md` has the measurements.

The package: `candidates` (what the score reads of an event), `scoring` (the score and the blocking rule),
`clustering` (pivot clustering), `combining` (one merged event's fields from its members), `blocking`
(the keys a store files events under to find what may merge).
"""
