-- The questions the reports raise, answered with aggregates, window functions and subqueries.

-- How much did applications grow from 2020 to 2021, per category? lag() reads the previous year.
select categorie, year, aanvragen,
       aanvragen - lag(aanvragen) over (partition by categorie order by year) as groei,
       round(100.0 * (aanvragen - lag(aanvragen) over (partition by categorie order by year))
             / lag(aanvragen) over (partition by categorie order by year), 1) as groei_pct
from regulier
where year >= 2020
order by categorie, year;
-- expect:
-- ┌──────────────────┬──────┬───────────┬───────┬───────────┐
-- │ categorie        │ year │ aanvragen │ groei │ groei_pct │
-- ├──────────────────┼──────┼───────────┼───────┼───────────┤
-- │ arbeidsmigranten │ 2020 │      2480 │  NULL │      NULL │
-- │ arbeidsmigranten │ 2021 │      3300 │   820 │      33.1 │
-- │ familie_en_gezin │ 2020 │     32730 │  NULL │      NULL │
-- │ familie_en_gezin │ 2021 │     42690 │  9960 │      30.4 │
-- │ kennis_en_talent │ 2020 │     13710 │  NULL │      NULL │
-- │ kennis_en_talent │ 2021 │     22840 │  9130 │      66.6 │
-- │ start_ups        │ 2020 │       100 │  NULL │      NULL │
-- │ start_ups        │ 2021 │       100 │     0 │       0.0 │
-- │ studenten        │ 2020 │     12310 │  NULL │      NULL │
-- │ studenten        │ 2021 │     20560 │  8250 │      67.0 │
-- └──────────────────┴──────┴───────────┴───────┴───────────┘
-- 10 rows

-- And all regular categories together, year by year.
select year, sum(aanvragen) as aanvragen, sum(beslissingen) as beslissingen
from regulier
group by year
order by year;
-- expect:
-- ┌──────┬───────────┬──────────────┐
-- │ year │ aanvragen │ beslissingen │
-- ├──────┼───────────┼──────────────┤
-- │ 2019 │     86090 │        86090 │
-- │ 2020 │     61330 │        61580 │
-- │ 2021 │     89490 │        84670 │
-- └──────┴───────────┴──────────────┘
-- 3 rows

-- Which category had the highest grant rate in 2021?
select categorie, inwilligingen
from regulier
where year = 2021 and inwilligingen = (select max(inwilligingen) from regulier where year = 2021);
-- expect:
-- ┌───────────┬───────────────┐
-- │ categorie │ inwilligingen │
-- ├───────────┼───────────────┤
-- │ studenten │           99% │
-- └───────────┴───────────────┘
-- 1 row

-- What share of the 2021 applications came from students?
select round(100.0 * sum(aanvragen) filter (where categorie = 'studenten') / sum(aanvragen), 1) as aandeel_studenten_pct
from regulier
where year = 2021;
-- expect:
-- ┌───────────────────────┐
-- │ aandeel_studenten_pct │
-- ├───────────────────────┤
-- │                  23.0 │
-- └───────────────────────┘
-- 1 row

-- How many grants does 82% of 39,580 decisions mean? A percentage times a count is a plain number.
select 82% * 39580 as inwilligingen_familie_2021;
-- expect:
-- ┌────────────────────────────┐
-- │ inwilligingen_familie_2021 │
-- ├────────────────────────────┤
-- │                   32455.60 │
-- └────────────────────────────┘
-- 1 row

-- Rank the categories by grant rate each year; ties share a rank.
select year, categorie, inwilligingen, rank() over (partition by year order by inwilligingen desc) as plaats
from regulier
where year = 2021
order by plaats, categorie;
-- expect:
-- ┌──────┬──────────────────┬───────────────┬────────┐
-- │ year │ categorie        │ inwilligingen │ plaats │
-- ├──────┼──────────────────┼───────────────┼────────┤
-- │ 2021 │ studenten        │           99% │      1 │
-- │ 2021 │ kennis_en_talent │           94% │      2 │
-- │ 2021 │ familie_en_gezin │           82% │      3 │
-- │ 2021 │ start_ups        │           82% │      3 │
-- │ 2021 │ arbeidsmigranten │           72% │      5 │
-- └──────┴──────────────────┴───────────────┴────────┘
-- 5 rows

-- The average grant rate per category is a percentage too; round(x, 1) rounds it to tenths of a percent.
select categorie, round(avg(inwilligingen), 1) as gemiddeld, min(inwilligingen) as laagste, max(inwilligingen) as hoogste
from regulier
group by categorie
having count(*) = 3
order by gemiddeld desc;
-- expect:
-- ┌──────────────────┬───────────┬─────────┬─────────┐
-- │ categorie        │ gemiddeld │ laagste │ hoogste │
-- ├──────────────────┼───────────┼─────────┼─────────┤
-- │ studenten        │       98% │     96% │     99% │
-- │ kennis_en_talent │       93% │     91% │     94% │
-- │ familie_en_gezin │     82.3% │     80% │     85% │
-- │ arbeidsmigranten │     73.3% │     70% │     78% │
-- │ start_ups        │     71.3% │     64% │     82% │
-- └──────────────────┴───────────┴─────────┴─────────┘
-- 5 rows

-- Label the years: the corona dip of 2020 shows in every category.
select categorie, year, aanvragen,
       case when year = 2020 then 'corona' else '' end as opmerking
from regulier
where categorie in ('studenten', 'familie_en_gezin')
order by categorie, year;
-- expect:
-- ┌──────────────────┬──────┬───────────┬───────────┐
-- │ categorie        │ year │ aanvragen │ opmerking │
-- ├──────────────────┼──────┼───────────┼───────────┤
-- │ familie_en_gezin │ 2019 │     40830 │           │
-- │ familie_en_gezin │ 2020 │     32730 │ corona    │
-- │ familie_en_gezin │ 2021 │     42690 │           │
-- │ studenten        │ 2019 │     20430 │           │
-- │ studenten        │ 2020 │     12310 │ corona    │
-- │ studenten        │ 2021 │     20560 │           │
-- └──────────────────┴──────┴───────────┴───────────┘
-- 6 rows

-- Court cases and Brexit side by side, with UNION ALL.
select 'juridische zaken' as bron, year, ontvangen as aantal
from juridische_zaken
union all
select 'brexit (cumulatief)', year, aanvragen from brexit
order by bron, year;
-- expect:
-- ┌─────────────────────┬──────┬────────┐
-- │ bron                │ year │ aantal │
-- ├─────────────────────┼──────┼────────┤
-- │ brexit (cumulatief) │ 2020 │  34790 │
-- │ brexit (cumulatief) │ 2021 │  39520 │
-- │ juridische zaken    │ 2019 │  54940 │
-- │ juridische zaken    │ 2020 │  41150 │
-- │ juridische zaken    │ 2021 │  33880 │
-- └─────────────────────┴──────┴────────┘
-- 5 rows
