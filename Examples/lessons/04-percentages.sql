-- Lesson 4: percentages
--
-- Grant rates (inwilligingen) and upheld rates (instandhoudingen) are percentages. In indq a percentage is its
-- own kind of number: 94% is the fraction 0.94, and you can write it as 94% in a query.

-- When did highly skilled migrants (kennis_en_talent) get at least 94% of their decisions granted?
select year, inwilligingen from kennis_en_talent where inwilligingen >= 94%;
-- expect:
-- ┌──────┬───────────────┐
-- │ year │ inwilligingen │
-- ├──────┼───────────────┤
-- │ 2019 │           94% │
-- │ 2021 │           94% │
-- └──────┴───────────────┘
-- 2 rows

-- Careful: `inwilligingen >= 94` compares a fraction with 94 and is never true; indq runs it but hints
-- "did you mean 94%?".

-- A grant rate times the number of decisions estimates the number of grants. The report prints the rate as a
-- whole percent, so the result is an estimate, not a figure from the report: round it, and cast it to a whole
-- number.
select year, beslissingen, inwilligingen, cast(round(beslissingen * inwilligingen) as integer) as ongeveer_ingewilligd
from familie_en_gezin;
-- expect:
-- ┌──────┬──────────────┬───────────────┬──────────────────────┐
-- │ year │ beslissingen │ inwilligingen │ ongeveer_ingewilligd │
-- ├──────┼──────────────┼───────────────┼──────────────────────┤
-- │ 2019 │        40320 │           85% │                34272 │
-- │ 2020 │        32460 │           80% │                25968 │
-- │ 2021 │        39580 │           82% │                32456 │
-- └──────┴──────────────┴───────────────┴──────────────────────┘
-- 3 rows

-- 100% minus the grant rate is the share of decisions that refused the application (afwijzingen). The difference
-- of two percentages is in percentage points (see below); cast(… as percentage), or `::percentage`, makes it a share.
select categorie, inwilligingen, cast(100% - inwilligingen as percentage) as afgewezen
from regulier
where year = 2021
order by afgewezen desc, categorie;
-- expect:
-- ┌──────────────────┬───────────────┬───────────┐
-- │ categorie        │ inwilligingen │ afgewezen │
-- ├──────────────────┼───────────────┼───────────┤
-- │ arbeidsmigranten │           72% │       28% │
-- │ familie_en_gezin │           82% │       18% │
-- │ start_ups        │           82% │       18% │
-- │ kennis_en_talent │           94% │        6% │
-- │ studenten        │           99% │        1% │
-- └──────────────────┴───────────────┴───────────┘
-- 5 rows

-- Court cases. instandhoudingen_asiel is the share of asylum cases in which the judge upheld the IND's decision
-- (the decision "bleef in stand"); instandhoudingen_regulier the same for regular cases. 86% in 2021 says: in 86
-- of every 100 asylum court cases the judge agreed with the IND; in the other 14 the IND's decision did not stand.
select year, instandhoudingen_asiel, instandhoudingen_regulier from juridische_zaken;
-- expect:
-- ┌──────┬────────────────────────┬───────────────────────────┐
-- │ year │ instandhoudingen_asiel │ instandhoudingen_regulier │
-- ├──────┼────────────────────────┼───────────────────────────┤
-- │ 2019 │                    92% │                       83% │
-- │ 2020 │                    91% │                       86% │
-- │ 2021 │                    86% │                       84% │
-- └──────┴────────────────────────┴───────────────────────────┘
-- 3 rows

-- The difference between two percentages is in percentage points (pp), not a percentage: from 92% to 86% is 6 pp
-- lower, while the rate itself fell by 6.5% of its value. How many points lower was the asylum upheld rate in 2021
-- than in 2019? A percentage plus or minus points is a percentage again: 86% + 6 pp is 92%.
select (select instandhoudingen_asiel from juridische_zaken where year = 2019) -
       (select instandhoudingen_asiel from juridische_zaken where year = 2021) as gedaald;
-- expect:
-- ┌─────────┐
-- │ gedaald │
-- ├─────────┤
-- │    6 pp │
-- └─────────┘
-- 1 row

-- Exercises.

-- Exercise 4.1: Which rows of regulier have a grant rate below 80%? Show category, year and rate, lowest first.
-- Hint: A grant rate is a percentage: compare it with 80%, not with 80.
-- Hint: `order by inwilligingen` puts the lowest first; add categorie to order rows with the same rate.
-- Mistake: select categorie, year, inwilligingen from regulier where inwilligingen < 80 order by inwilligingen, categorie;
-- Tip: Without %, 80 is the number eighty, and every grant rate (a fraction of at most 1) is below it. Write 80%.
-- Mistake: select categorie, year, inwilligingen from regulier where inwilligingen <= 80% order by inwilligingen, categorie;
-- Tip: Below 80% leaves 80% itself out: use <, not <=.
select categorie, year, inwilligingen from regulier where inwilligingen < 80% order by inwilligingen, categorie;
-- expect:
-- ┌──────────────────┬──────┬───────────────┐
-- │ categorie        │ year │ inwilligingen │
-- ├──────────────────┼──────┼───────────────┤
-- │ start_ups        │ 2020 │           64% │
-- │ start_ups        │ 2019 │           68% │
-- │ arbeidsmigranten │ 2020 │           70% │
-- │ arbeidsmigranten │ 2021 │           72% │
-- │ arbeidsmigranten │ 2019 │           78% │
-- └──────────────────┴──────┴───────────────┘
-- 5 rows

-- Exercise 4.2: Estimate how many applications of arbeidsmigranten (labour migrants) were refused each year:
-- decisions times (100% minus the grant rate), rounded.
-- Hint: 100% - inwilligingen is the share of decisions that refused the application.
-- Hint: Multiply beslissingen by that share, and round(…) the estimate.
-- Mistake: select year, cast(round(beslissingen * inwilligingen) as integer) as ongeveer_afgewezen from arbeidsmigranten;
-- Tip: beslissingen * inwilligingen estimates the grants. The refusals are the rest: beslissingen * (100% -
-- inwilligingen).
select year, cast(round(beslissingen * (100% - inwilligingen)) as integer) as ongeveer_afgewezen from arbeidsmigranten;
-- expect:
-- ┌──────┬────────────────────┐
-- │ year │ ongeveer_afgewezen │
-- ├──────┼────────────────────┤
-- │ 2019 │                794 │
-- │ 2020 │                780 │
-- │ 2021 │                787 │
-- └──────┴────────────────────┘
-- 3 rows

-- Exercise 4.3: In what share of asylum court cases did the IND's decision not stand, each year?
-- Hint: instandhoudingen_asiel is the share in which the decision stood; the rest is 100% minus it.
-- Hint: The difference of two percentages is in points; ::percentage makes it a share again.
-- Mistake: select year, instandhoudingen_asiel from juridische_zaken;
-- Tip: instandhoudingen_asiel is the share of cases in which the IND's decision stood; the question asks for the
-- other cases: 100% minus it.
select year, (100% - instandhoudingen_asiel)::percentage as niet_in_stand from juridische_zaken;
-- expect:
-- ┌──────┬───────────────┐
-- │ year │ niet_in_stand │
-- ├──────┼───────────────┤
-- │ 2019 │            8% │
-- │ 2020 │            9% │
-- │ 2021 │           14% │
-- └──────┴───────────────┘
-- 3 rows
