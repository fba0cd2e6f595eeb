-- Court cases about IND decisions, and how often the judge upheld the decision (instandhouding).
select year, ontvangen, afgehandeld, instandhoudingen_asiel, instandhoudingen_regulier
from juridische_zaken
order by year;
-- expect:
-- ┌──────┬───────────┬─────────────┬────────────────────────┬───────────────────────────┐
-- │ year │ ontvangen │ afgehandeld │ instandhoudingen_asiel │ instandhoudingen_regulier │
-- ├──────┼───────────┼─────────────┼────────────────────────┼───────────────────────────┤
-- │ 2019 │     54940 │       51280 │                    92% │                       83% │
-- │ 2020 │     41150 │       39880 │                    91% │                       86% │
-- │ 2021 │     33880 │       34780 │                    86% │                       84% │
-- └──────┴───────────┴─────────────┴────────────────────────┴───────────────────────────┘
-- 3 rows

-- Figures from the running text keep their qualifier: bijna, ruim or circa.
select year, onderwerp, waarde, kwalificatie
from kerncijfers
where kwalificatie is not null
order by year, waarde desc;
-- expect:
-- ┌──────┬──────────────────────────────────────────────────────────────┬────────┬──────────────┐
-- │ year │ onderwerp                                                    │ waarde │ kwalificatie │
-- ├──────┼──────────────────────────────────────────────────────────────┼────────┼──────────────┤
-- │ 2021 │ eerste asielaanvragen afgehandeld                            │ ~20000 │ bijna        │
-- │ 2021 │ nareisaanvragen afgehandeld                                  │ ~16500 │ ruim         │
-- │ 2021 │ meldingen van mogelijke fraude of misbruik                   │ ~12400 │ circa        │
-- │ 2021 │ aandeel van de asielinstroom in de tweede helft van het jaar │   ~75% │ ruim         │
-- │ 2022 │ medewerkers die meededen aan de cultuurscan                  │  ~2000 │ ruim         │
-- └──────┴──────────────────────────────────────────────────────────────┴────────┴──────────────┘
-- 5 rows
-- ~ approximate: the report says bijna (almost), ruim (over), circa (about)

-- Brexit figures are cumulative ("tot en met"): 2021 includes 2020.
select year, aanvragen, beslissingen, inwilligingen from brexit;
-- expect:
-- ┌──────┬───────────┬──────────────┬───────────────┐
-- │ year │ aanvragen │ beslissingen │ inwilligingen │
-- ├──────┼───────────┼──────────────┼───────────────┤
-- │ 2020 │     34790 │        32920 │           99% │
-- │ 2021 │     39520 │        39360 │           98% │
-- └──────┴───────────┴──────────────┴───────────────┘
-- 2 rows

-- Where the Brexit figures come from.
source brexit;
-- expect:
-- ┌──────────────────────┬───────────────────────────────┬────────────────┬──────┬─────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┐
-- │ report               │ section                       │ table          │ line │ text                                                                                                                                                                                                                                                    │
-- ├──────────────────────┼───────────────────────────────┼────────────────┼──────┼─────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┤
-- │ IND Jaarverslag 2021 │ Meer aanvragen werk en studie │ Cijfers Brexit │ NULL │ Verblijfsaanvragen van Britse burgers in Nederland als gevolg van de Brexit, cumulatief                                                                                                                                                                 │
-- │ IND Jaarverslag 2021 │ Meer aanvragen werk en studie │ Cijfers Brexit │ NULL │ De tabel telt cumulatief ("tot en met 2020", "tot en met 2021"): elk cijfer is het totaal vanaf het begin tot en met het einde van dat jaar, niet het aantal in dat jaar alleen. Het verschil tussen twee jaren is dus niet in het jaarverslag gedrukt. │
-- └──────────────────────┴───────────────────────────────┴────────────────┴──────┴─────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┘
-- 2 rows

-- The most granted nationalities among students in 2021.
select rang, nationaliteit from nationaliteiten where categorie = 'studenten' order by rang;
-- expect:
-- ┌──────┬───────────────┐
-- │ rang │ nationaliteit │
-- ├──────┼───────────────┤
-- │    1 │ Chinese       │
-- │    2 │ Indiase       │
-- │    3 │ Amerikaanse   │
-- └──────┴───────────────┘
-- 3 rows

-- The 2022 finances, in thousands of euros as the report gives them.
select post, bedrag from financien where post in ('Totaal baten', 'Totaal Lasten', 'Saldo van baten en lasten');
-- expect:
-- ┌───────────────────────────┬────────┐
-- │ post                      │ bedrag │
-- ├───────────────────────────┼────────┤
-- │ Totaal baten              │ 578422 │
-- │ Totaal Lasten             │ 604709 │
-- │ Saldo van baten en lasten │ -26287 │
-- └───────────────────────────┴────────┘
-- 3 rows
