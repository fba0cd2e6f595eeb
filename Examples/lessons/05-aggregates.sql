-- Lesson 5: aggregates and group by
--
-- An aggregate turns many rows into one value: count(*) counts rows, sum adds, avg takes the mean, min and max
-- the smallest and largest. Without group by, the whole dataset (after where) is one group.

-- All regular applications of 2021 together, and the number of categories they came from.
select count(*) as categorieen, sum(aanvragen) as aanvragen, sum(beslissingen) as beslissingen
from regulier
where year = 2021;
-- expect:
-- ┌─────────────┬───────────┬──────────────┐
-- │ categorieen │ aanvragen │ beslissingen │
-- ├─────────────┼───────────┼──────────────┤
-- │           5 │     89490 │        84670 │
-- └─────────────┴───────────┴──────────────┘
-- 1 row

-- group by makes one group per distinct value: the total per year. The corona dip of 2020 shows clearly:
-- about 61 thousand regular applications against 86 to 89 thousand in 2019 and 2021.
select year, sum(aanvragen) as aanvragen from regulier group by year order by year;
-- expect:
-- ┌──────┬───────────┐
-- │ year │ aanvragen │
-- ├──────┼───────────┤
-- │ 2019 │     86090 │
-- │ 2020 │     61330 │
-- │ 2021 │     89490 │
-- └──────┴───────────┘
-- 3 rows

-- The mean of percentages is a percentage; round(x, 1) rounds it to tenths of a percent, so 82.3%.
select categorie, round(avg(inwilligingen), 1) as gemiddeld, min(inwilligingen) as laagste, max(inwilligingen) as hoogste
from regulier
group by categorie
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

-- Averaging rates weighs every category equally, however many decisions it had: the five rates of 2021 average
-- 85.8%. The grant rate of all regular decisions of 2021 together weighs each category by its decisions:
-- estimate the grants per category (decisions times rate), add them up and divide by all decisions.
select round(100.0 * sum(beslissingen * inwilligingen) / sum(beslissingen), 1) as inwilligingen_pct
from regulier
where year = 2021;
-- expect:
-- ┌───────────────────┐
-- │ inwilligingen_pct │
-- ├───────────────────┤
-- │              88.9 │
-- └───────────────────┘
-- 1 row

-- having filters groups, as where filters rows: the categories with more than 50,000 applications over the three
-- years.
select categorie, sum(aanvragen) as drie_jaar
from regulier
group by categorie
having sum(aanvragen) > 50000
order by drie_jaar desc;
-- expect:
-- ┌──────────────────┬───────────┐
-- │ categorie        │ drie_jaar │
-- ├──────────────────┼───────────┤
-- │ familie_en_gezin │    116250 │
-- │ kennis_en_talent │     57520 │
-- │ studenten        │     53300 │
-- └──────────────────┴───────────┘
-- 3 rows

-- filter (where …) restricts one aggregate: 2020 and 2021 side by side, one row per category.
select categorie,
       sum(aanvragen) filter (where year = 2020) as in_2020,
       sum(aanvragen) filter (where year = 2021) as in_2021
from regulier
group by categorie
order by categorie;
-- expect:
-- ┌──────────────────┬─────────┬─────────┐
-- │ categorie        │ in_2020 │ in_2021 │
-- ├──────────────────┼─────────┼─────────┤
-- │ arbeidsmigranten │    2480 │    3300 │
-- │ familie_en_gezin │   32730 │   42690 │
-- │ kennis_en_talent │   13710 │   22840 │
-- │ start_ups        │     100 │     100 │
-- │ studenten        │   12310 │   20560 │
-- └──────────────────┴─────────┴─────────┘
-- 5 rows

-- Exercises.

-- Exercise 5.1: How many regular decisions did the IND take in each year? Order by year.
-- Hint: regulier has one row per category and year; the decisions are in beslissingen. Add them up per year.
-- Hint: sum(beslissingen) with group by year gives one row per year; order by year sorts them.
-- Mistake: select year, count(beslissingen) as beslissingen from regulier group by year order by year;
-- Tip: count counts rows: five categories each year. sum(beslissingen) adds up the decisions.
-- Mistake: select year, sum(aanvragen) as aanvragen from regulier group by year order by year;
-- Tip: aanvragen are the applications; the decisions are in beslissingen. (In 2019 the two totals happen to be
-- equal, so look at 2020 and 2021.)
select year, sum(beslissingen) as beslissingen from regulier group by year order by year;
-- expect:
-- ┌──────┬──────────────┐
-- │ year │ beslissingen │
-- ├──────┼──────────────┤
-- │ 2019 │        86090 │
-- │ 2020 │        61580 │
-- │ 2021 │        84670 │
-- └──────┴──────────────┘
-- 3 rows

-- Exercise 5.2: In how many of the five top-3 lists does each nationality appear? Most first, then by name.
-- Hint: Each row of nationaliteiten is one place in one list, so count the rows of each nationality: group by
-- nationaliteit.
-- Hint: count(*) counts them. Order by that count desc, and then by nationaliteit where two counts are equal.
-- Mistake: select nationaliteit, count(*) as lijsten from nationaliteiten group by nationaliteit
-- order by lijsten desc;
-- Tip: Where two nationalities are in as many lists, sort them by name too: order by lijsten desc, nationaliteit.
-- Mistake: select nationaliteit, count(*) as lijsten from nationaliteiten group by nationaliteit
-- order by lijsten, nationaliteit;
-- Tip: Most first is large to small: order by the count desc.
select nationaliteit, count(*) as lijsten
from nationaliteiten
group by nationaliteit
order by lijsten desc, nationaliteit;
-- expect:
-- ┌───────────────┬─────────┐
-- │ nationaliteit │ lijsten │
-- ├───────────────┼─────────┤
-- │ Indiase       │       5 │
-- │ Chinese       │       3 │
-- │ Amerikaanse   │       2 │
-- │ Turkse        │       2 │
-- │ Iraanse       │       1 │
-- │ Russische     │       1 │
-- │ Syrische      │       1 │
-- └───────────────┴─────────┘
-- 7 rows

-- Exercise 5.3: Which categories had a grant rate of at least 90% in every year? (Their lowest rate is at least
-- 90%.)
-- Hint: A category has one row per year. At least 90% in every year means that its lowest rate,
-- min(inwilligingen), is at least 90%: group by categorie.
-- Hint: A condition on an aggregate goes in having, after group by, not in where. Compare with 90%, with the
-- percent sign.
-- Mistake: select categorie, min(inwilligingen) as laagste from regulier group by categorie
-- having min(inwilligingen) >= 90 order by categorie;
-- Tip: Without %, 90 is the number ninety, and no grant rate (a fraction of at most 1) reaches it. Write 90%.
-- Mistake: select categorie, inwilligingen from regulier where inwilligingen >= 90% order by categorie;
-- Tip: Those are the single years with at least 90%; the question is about categories over all their years. Group
-- by categorie and keep the groups whose min(inwilligingen) is at least 90%, with having.
select categorie, min(inwilligingen) as laagste
from regulier
group by categorie
having min(inwilligingen) >= 90%
order by categorie;
-- expect:
-- ┌──────────────────┬─────────┐
-- │ categorie        │ laagste │
-- ├──────────────────┼─────────┤
-- │ kennis_en_talent │     91% │
-- │ studenten        │     96% │
-- └──────────────────┴─────────┘
-- 2 rows
