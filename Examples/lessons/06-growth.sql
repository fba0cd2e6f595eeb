-- Lesson 6: year-on-year growth with window functions
--
-- A window function looks at other rows without merging them. lag(x) over (order by year) is x of the previous
-- row in year order; partition by starts afresh for each category.

-- Applications of kennis_en_talent and the change against the year before. The first year has no previous one:
-- NULL.
select year, aanvragen, aanvragen - lag(aanvragen) over (order by year) as verschil
from kennis_en_talent;
-- expect:
-- ┌──────┬───────────┬──────────┐
-- │ year │ aanvragen │ verschil │
-- ├──────┼───────────┼──────────┤
-- │ 2019 │     20970 │     NULL │
-- │ 2020 │     13710 │    -7260 │
-- │ 2021 │     22840 │     9130 │
-- └──────┴───────────┴──────────┘
-- 3 rows

-- The same for every regular category, as a percentage of the year before. 2020 falls in every category (corona
-- and its travel restrictions); 2021 climbs back. Start-ups are too few to read much into: 150, 100, 100.
select categorie, year, aanvragen,
       round(100.0 * (aanvragen - lag(aanvragen) over (partition by categorie order by year))
             / lag(aanvragen) over (partition by categorie order by year), 1) as groei_pct
from regulier
order by categorie, year;
-- expect:
-- ┌──────────────────┬──────┬───────────┬───────────┐
-- │ categorie        │ year │ aanvragen │ groei_pct │
-- ├──────────────────┼──────┼───────────┼───────────┤
-- │ arbeidsmigranten │ 2019 │      3710 │      NULL │
-- │ arbeidsmigranten │ 2020 │      2480 │     -33.2 │
-- │ arbeidsmigranten │ 2021 │      3300 │      33.1 │
-- │ familie_en_gezin │ 2019 │     40830 │      NULL │
-- │ familie_en_gezin │ 2020 │     32730 │     -19.8 │
-- │ familie_en_gezin │ 2021 │     42690 │      30.4 │
-- │ kennis_en_talent │ 2019 │     20970 │      NULL │
-- │ kennis_en_talent │ 2020 │     13710 │     -34.6 │
-- │ kennis_en_talent │ 2021 │     22840 │      66.6 │
-- │ start_ups        │ 2019 │       150 │      NULL │
-- │ start_ups        │ 2020 │       100 │     -33.3 │
-- │ start_ups        │ 2021 │       100 │       0.0 │
-- │ studenten        │ 2019 │     20430 │      NULL │
-- │ studenten        │ 2020 │     12310 │     -39.7 │
-- │ studenten        │ 2021 │     20560 │      67.0 │
-- └──────────────────┴──────┴───────────┴───────────┘
-- 15 rows

-- Back to the level of before corona? Compare each year with 2019, the first year: first_value. For family the
-- report says 2021 is "weer op niveau van voor corona", back at the level of before corona: 42.690 against
-- 40.830.
select categorie, year, aanvragen, aanvragen - first_value(aanvragen) over (partition by categorie order by year)
       as sinds_2019
from regulier
where year = 2021 or year = 2019
order by categorie, year;
-- expect:
-- ┌──────────────────┬──────┬───────────┬────────────┐
-- │ categorie        │ year │ aanvragen │ sinds_2019 │
-- ├──────────────────┼──────┼───────────┼────────────┤
-- │ arbeidsmigranten │ 2019 │      3710 │          0 │
-- │ arbeidsmigranten │ 2021 │      3300 │       -410 │
-- │ familie_en_gezin │ 2019 │     40830 │          0 │
-- │ familie_en_gezin │ 2021 │     42690 │       1860 │
-- │ kennis_en_talent │ 2019 │     20970 │          0 │
-- │ kennis_en_talent │ 2021 │     22840 │       1870 │
-- │ start_ups        │ 2019 │       150 │          0 │
-- │ start_ups        │ 2021 │       100 │        -50 │
-- │ studenten        │ 2019 │     20430 │          0 │
-- │ studenten        │ 2021 │     20560 │        130 │
-- └──────────────────┴──────┴───────────┴────────────┘
-- 10 rows

-- Brexit. British citizens living in the Netherlands had to apply for a residence document after the United
-- Kingdom left the EU; they could do so until 1 October 2021, the end of the grace period. The table "Cijfers
-- Brexit" counts "tot en met 2020" and "tot en met 2021": up to and including that year, cumulatively. So the 2021
-- row (39.520) is everything since the start, not the applications of 2021. lag here gives no growth rate: the
-- difference, 4.730, is what was added in 2021, a number the report itself does not print.
select year, aanvragen, aanvragen - lag(aanvragen) over (order by year) as erbij_in_het_jaar
from brexit;
-- expect:
-- ┌──────┬───────────┬───────────────────┐
-- │ year │ aanvragen │ erbij_in_het_jaar │
-- ├──────┼───────────┼───────────────────┤
-- │ 2020 │     34790 │              NULL │
-- │ 2021 │     39520 │              4730 │
-- └──────┴───────────┴───────────────────┘
-- 2 rows
-- note: brexit counts cumulatively (tot en met): lag(aanvragen) is the running total up to the year before
--   --> 06-growth.sql:79:37
--    |
-- 79 | select year, aanvragen, aanvragen - lag(aanvragen) over (order by year) as erbij_in_het_jaar
--    |                                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
--    = one year alone is aanvragen - lag(aanvragen) over (order by year)

-- A running total with sum over: the regular applications added up year after year.
select year, sum(aanvragen) as aanvragen, sum(sum(aanvragen)) over (order by year) as opgeteld
from regulier
group by year
order by year;
-- expect:
-- ┌──────┬───────────┬──────────┐
-- │ year │ aanvragen │ opgeteld │
-- ├──────┼───────────┼──────────┤
-- │ 2019 │     86090 │    86090 │
-- │ 2020 │     61330 │   147420 │
-- │ 2021 │     89490 │   236910 │
-- └──────┴───────────┴──────────┘
-- 3 rows

-- Exercises.

-- Exercise 6.1: How did the number of court cases received (juridische_zaken.ontvangen) change from year to
-- year? It fell each year; the report thinks corona played a part: fewer applications, and courts handled fewer
-- cases.
-- Hint: lag(ontvangen) over (order by year) is the number received in the year before.
-- Hint: The change is this year's number minus the year before's: ontvangen - lag(…). The first year has no year
-- before it, so its change is NULL.
-- Mistake: select year, ontvangen, lag(ontvangen) over (order by year) - ontvangen as verschil from juridische_zaken;
-- Tip: That is the year before minus this year, so the signs are turned round: a fall should come out negative.
-- Write ontvangen - lag(ontvangen) over (order by year).
-- Mistake: select year, ontvangen, ontvangen - lead(ontvangen) over (order by year) as verschil from juridische_zaken;
-- Tip: lead reads the next year, lag the year before. The change against the year before uses lag.
select year, ontvangen, ontvangen - lag(ontvangen) over (order by year) as verschil from juridische_zaken;
-- expect:
-- ┌──────┬───────────┬──────────┐
-- │ year │ ontvangen │ verschil │
-- ├──────┼───────────┼──────────┤
-- │ 2019 │     54940 │     NULL │
-- │ 2020 │     41150 │   -13790 │
-- │ 2021 │     33880 │    -7270 │
-- └──────┴───────────┴──────────┘
-- 3 rows

-- Exercise 6.2: By how many percentage points did the grant rate of each regular category change from 2020 to
-- 2021, largest rise first? Percentages are exact, so 99% - 96% and 94% - 91% are the same 3 pp and sort as equals.
-- Hint: where runs before the window, so `where year = 2021` would leave lag no 2020 row to read. Take the two
-- years with max(…) filter (where …) instead (lesson 5).
-- Hint: You need each category's 2020 rate and its 2021 rate side by side in one row: group by categorie.
-- Hint: max(inwilligingen) filter (where year = 2021) is a category's 2021 rate. Subtract its 2020 rate, taken the
-- same way, and order by the difference desc, then by categorie.
-- Mistake: select categorie,
-- inwilligingen - lag(inwilligingen) over (partition by categorie order by year) as verandering
-- from regulier where year = 2021 order by verandering desc, categorie;
-- Tip: where year = 2021 removes the 2020 rows before lag runs, so lag finds no year before: NULL. Take both years
-- per category with max(inwilligingen) filter (where year = …) and subtract them.
-- Mistake: select categorie,
-- max(inwilligingen) filter (where year = 2020) - max(inwilligingen) filter (where year = 2021) as verandering
-- from regulier group by categorie order by verandering desc, categorie;
-- Tip: That is 2020 minus 2021, so the signs are turned round. The change from 2020 to 2021 is the 2021 rate minus
-- the 2020 rate.
select categorie,
       max(inwilligingen) filter (where year = 2021) - max(inwilligingen) filter (where year = 2020) as verandering
from regulier
group by categorie
order by verandering desc, categorie;
-- expect:
-- ┌──────────────────┬─────────────┐
-- │ categorie        │ verandering │
-- ├──────────────────┼─────────────┤
-- │ start_ups        │       18 pp │
-- │ kennis_en_talent │        3 pp │
-- │ studenten        │        3 pp │
-- │ arbeidsmigranten │        2 pp │
-- │ familie_en_gezin │        2 pp │
-- └──────────────────┴─────────────┘
-- 5 rows

-- Exercise 6.3: How many Brexit decisions were added in 2021 (decisions up to and including 2021 minus those up to
-- and including 2020)? Compare with the 4.730 applications added that year.
-- Hint: brexit counts up to and including each year: the 2021 row holds every decision since the start. What was
-- added in 2021 is the difference with the 2020 row.
-- Hint: Take beslissingen - lag(beslissingen) over (order by year), as the example did for aanvragen.
-- Mistake: select year, beslissingen from brexit where year = 2021;
-- Tip: The 2021 row counts all decisions up to and including 2021, not those of 2021 alone. Subtract the 2020 row
-- with lag(beslissingen) over (order by year).
-- Mistake: select year, aanvragen, aanvragen - lag(aanvragen) over (order by year) as erbij from brexit;
-- Tip: That is the applications added in 2021, the lesson's example; the question asks for the decisions,
-- beslissingen.
select year, beslissingen, beslissingen - lag(beslissingen) over (order by year) as erbij from brexit;
-- expect:
-- ┌──────┬──────────────┬───────┐
-- │ year │ beslissingen │ erbij │
-- ├──────┼──────────────┼───────┤
-- │ 2020 │        32920 │  NULL │
-- │ 2021 │        39360 │  6440 │
-- └──────┴──────────────┴───────┘
-- 2 rows
-- note: brexit counts cumulatively (tot en met): lag(beslissingen) is the running total up to the year before
--    --> 06-growth.sql:180:43
--     |
-- 180 | select year, beslissingen, beslissingen - lag(beslissingen) over (order by year) as erbij from brexit;
--     |                                           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
--     = one year alone is beslissingen - lag(beslissingen) over (order by year)
