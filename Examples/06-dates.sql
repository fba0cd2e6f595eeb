-- Dates: a date is a day, written date '2022-03-31' or read from text; it prints as ISO in every format.
-- The report figures are per year, so these examples make dates from the year column and from range.
select date '2022-03-31' as peildatum, date '2022-03-31' + 1 as dag_erna, date '2022-12-31' - date '2022-03-31' as dagen_tot_eind;
-- expect:
-- ┌────────────┬────────────┬────────────────┐
-- │ peildatum  │ dag_erna   │ dagen_tot_eind │
-- ├────────────┼────────────┼────────────────┤
-- │ 2022-03-31 │ 2022-04-01 │            275 │
-- └────────────┴────────────┴────────────────┘
-- 1 row

-- The parts of a date are whole numbers; date_trunc gives the first day of its period.
select year(date '2022-03-31') as jaar, quarter(date '2022-03-31') as kwartaal, week(date '2022-03-31') as week,
       dayname(date '2022-03-31') as dag, date_trunc('quarter', date '2022-05-15') as kwartaal_begin;
-- expect:
-- ┌──────┬──────────┬──────┬──────────┬────────────────┐
-- │ jaar │ kwartaal │ week │ dag      │ kwartaal_begin │
-- ├──────┼──────────┼──────┼──────────┼────────────────┤
-- │ 2022 │        1 │   13 │ Thursday │ 2022-04-01     │
-- └──────┴──────────┴──────┴──────────┴────────────────┘
-- 1 row

-- The last day of each year of the student figures, and how many days that year had.
select year, make_date(year, 12, 31) as einde, make_date(year, 12, 31) - make_date(year, 1, 1) + 1 as dagen
from studenten order by year;
-- expect:
-- ┌──────┬────────────┬───────┐
-- │ year │ einde      │ dagen │
-- ├──────┼────────────┼───────┤
-- │ 2019 │ 2019-12-31 │   365 │
-- │ 2020 │ 2020-12-31 │   366 │
-- │ 2021 │ 2021-12-31 │   365 │
-- └──────┴────────────┴───────┘
-- 3 rows

-- Every first of the month in 2022, with the month's length: a text constant beside a date is read as a date.
select make_date(2022, range::integer + 1, 1) as maand, day(last_day(make_date(2022, range::integer + 1, 1))) as dagen
from range(12) where make_date(2022, range::integer + 1, 1) >= '2022-10-01' order by maand;
-- expect:
-- ┌────────────┬───────┐
-- │ maand      │ dagen │
-- ├────────────┼───────┤
-- │ 2022-10-01 │    31 │
-- │ 2022-11-01 │    30 │
-- │ 2022-12-01 │    31 │
-- └────────────┴───────┘
-- 3 rows

-- A date that does not exist is an error that says why.
select date '2022-02-29';
-- expect:
-- error: '2022-02-29' is not a date: February 2022 has 28 days (2022 is not a leap year)
--   --> 06-dates.sql:50:8
--    |
-- 50 | select date '2022-02-29';
--    |        ^^^^^^^^^^^^^^^^^
