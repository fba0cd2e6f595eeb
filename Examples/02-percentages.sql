-- Grant rates (inwilligingen) are percentages. A percentage is a fraction: 82% is 0.82,
-- so `inwilligingen >= 95%` and `inwilligingen >= 0.95` are the same test.

-- Which categories granted at least 95% of their decisions, and when?
select categorie, year, inwilligingen
from regulier
where inwilligingen >= 95%
order by inwilligingen desc, categorie, year;
-- expect:
-- ┌───────────┬──────┬───────────────┐
-- │ categorie │ year │ inwilligingen │
-- ├───────────┼──────┼───────────────┤
-- │ studenten │ 2019 │           99% │
-- │ studenten │ 2021 │           99% │
-- │ studenten │ 2020 │           96% │
-- └───────────┴──────┴───────────────┘
-- 3 rows

-- How many grants does a grant rate mean? A percentage times a count is a plain number, an exact decimal.
select year, beslissingen, inwilligingen, beslissingen * inwilligingen as toegekend
from familie_en_gezin
order by year;
-- expect:
-- ┌──────┬──────────────┬───────────────┬───────────┐
-- │ year │ beslissingen │ inwilligingen │ toegekend │
-- ├──────┼──────────────┼───────────────┼───────────┤
-- │ 2019 │        40320 │           85% │  34272.00 │
-- │ 2020 │        32460 │           80% │  25968.00 │
-- │ 2021 │        39580 │           82% │  32455.60 │
-- └──────┴──────────────┴───────────────┴───────────┘
-- 3 rows

-- Applications that had not been decided in the same year (a rough backlog indicator).
select categorie, year, aanvragen - beslissingen as verschil
from regulier
where year = 2021
order by verschil desc
limit 3;
-- expect:
-- ┌──────────────────┬──────┬──────────┐
-- │ categorie        │ year │ verschil │
-- ├──────────────────┼──────┼──────────┤
-- │ familie_en_gezin │ 2021 │     3110 │
-- │ kennis_en_talent │ 2021 │     1260 │
-- │ arbeidsmigranten │ 2021 │      490 │
-- └──────────────────┴──────┴──────────┘
-- 3 rows
