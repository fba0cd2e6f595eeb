-- Where do the figures come from, and how do they look?

-- Every row knows its source: the pseudo-column bron (English: source_ref).
select categorie, year, aanvragen, bron
from regulier
where year = 2021 and aanvragen > 20000;
-- expect:
-- ┌──────────────────┬──────┬───────────┬────────────────────────────────────────────┐
-- │ categorie        │ year │ aanvragen │ bron                                       │
-- ├──────────────────┼──────┼───────────┼────────────────────────────────────────────┤
-- │ familie_en_gezin │ 2021 │     42690 │ Jaarverslag 2021, Cijfers Familie en gezin │
-- │ kennis_en_talent │ 2021 │     22840 │ Jaarverslag 2021, Cijfers Kennis en talent │
-- │ studenten        │ 2021 │     20560 │ Jaarverslag 2021, Cijfers Studenten        │
-- └──────────────────┴──────┴───────────┴────────────────────────────────────────────┘
-- 3 rows

-- source followed by a query shows, for each value, the report line it was read from.
source select aanvragen, inwilligingen from studenten where year = 2021;
-- expect:
-- row 1  aanvragen = 20560
--   aanvragen 20560 from Jaarverslag 2021, Cijfers Studenten, line 180
--     │ Aanvragen  20.560 12.310 20.430
-- row 1  inwilligingen = 99%
--   inwilligingen 99% from Jaarverslag 2021, Cijfers Studenten, line 182
--     │ Inwilligingen  99% 96% 99%

-- Figures the report gives as approximate keep their qualifier; tables mark them with ~.
select year, onderwerp, waarde from kerncijfers where kwalificatie is not null order by year, onderwerp;
-- expect:
-- ┌──────┬──────────────────────────────────────────────────────────────┬────────┐
-- │ year │ onderwerp                                                    │ waarde │
-- ├──────┼──────────────────────────────────────────────────────────────┼────────┤
-- │ 2021 │ aandeel van de asielinstroom in de tweede helft van het jaar │   ~75% │
-- │ 2021 │ eerste asielaanvragen afgehandeld                            │ ~20000 │
-- │ 2021 │ meldingen van mogelijke fraude of misbruik                   │ ~12400 │
-- │ 2021 │ nareisaanvragen afgehandeld                                  │ ~16500 │
-- │ 2022 │ medewerkers die meededen aan de cultuurscan                  │  ~2000 │
-- └──────┴──────────────────────────────────────────────────────────────┴────────┘
-- 5 rows
-- ~ approximate: the report says bijna (almost), ruim (over), circa (about)

-- A bar chart of the 2021 grant rates, on a 0-100% axis.
.format bar
-- expect:
--
select categorie, inwilligingen from regulier where year = 2021 order by inwilligingen desc;
-- expect:
-- inwilligingen
-- studenten        │████████████████████████████████████████████████████████▍ 99%
-- kennis_en_talent │█████████████████████████████████████████████████████▋ 94%
-- familie_en_gezin │██████████████████████████████████████████████▊ 82%
-- start_ups        │██████████████████████████████████████████████▊ 82%
-- arbeidsmigranten │█████████████████████████████████████████ 72%
--                  └0%───────────────────────────────────────────────────100%

-- Sparklines: the corona dip of 2020 in every category.
.format spark
-- expect:
--
select categorie, year, aanvragen from regulier;
-- expect:
-- familie_en_gezin  2019 ▇▁█ 2021  min 32730 (2020)  max 42690 (2021)
-- kennis_en_talent  2019 ▇▁█ 2021  min 13710 (2020)  max 22840 (2021)
-- start_ups         2019 █▁▁ 2021  min 100 (2020)  max 150 (2019)
-- studenten         2019 █▁█ 2021  min 12310 (2020)  max 20560 (2021)
-- arbeidsmigranten  2019 █▁▆ 2021  min 2480 (2020)  max 3710 (2019)
.format table
-- expect:
--
