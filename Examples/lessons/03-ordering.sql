-- Lesson 3: order, limit and distinct
--
-- Rows come out in the order of the dataset unless you say otherwise. `order by` sorts: asc (the default) is
-- small to large, desc large to small. `limit n` keeps the first n rows, `offset n` skips n first.

-- The regular categories of 2021, largest first.
select categorie, aanvragen from regulier where year = 2021 order by aanvragen desc;
-- expect:
-- ┌──────────────────┬───────────┐
-- │ categorie        │ aanvragen │
-- ├──────────────────┼───────────┤
-- │ familie_en_gezin │     42690 │
-- │ kennis_en_talent │     22840 │
-- │ studenten        │     20560 │
-- │ arbeidsmigranten │      3300 │
-- │ start_ups        │       100 │
-- └──────────────────┴───────────┘
-- 5 rows

-- Family (familie_en_gezin) is by far the largest category: 42.690 applications in 2021. The report notes that
-- this count includes 4.900 applications under "Nareis 8 EVRM bij AMV": family members who want to join an
-- unaccompanied minor (amv, alleenstaande minderjarige vreemdeling: a foreign child in the Netherlands without
-- parents) on the ground of article 8 of the European Convention on Human Rights (EVRM), the right to family
-- life. That figure is in the dataset kerncijfers (lesson 7).

-- The three largest categories over all years; sort on two columns, then limit.
select categorie, year, aanvragen from regulier order by aanvragen desc, year limit 3;
-- expect:
-- ┌──────────────────┬──────┬───────────┐
-- │ categorie        │ year │ aanvragen │
-- ├──────────────────┼──────┼───────────┤
-- │ familie_en_gezin │ 2021 │     42690 │
-- │ familie_en_gezin │ 2019 │     40830 │
-- │ familie_en_gezin │ 2020 │     32730 │
-- └──────────────────┴──────┴───────────┘
-- 3 rows

-- The next three: offset skips the first three.
select categorie, year, aanvragen from regulier order by aanvragen desc, year limit 3 offset 3;
-- expect:
-- ┌──────────────────┬──────┬───────────┐
-- │ categorie        │ year │ aanvragen │
-- ├──────────────────┼──────┼───────────┤
-- │ kennis_en_talent │ 2021 │     22840 │
-- │ kennis_en_talent │ 2019 │     20970 │
-- │ studenten        │ 2021 │     20560 │
-- └──────────────────┴──────┴───────────┘
-- 3 rows

-- nationaliteiten holds the lists "Top 3 nationaliteiten inwilligingen" of the 2021 report: per category, the
-- three nationalities that received the most grants. rang is the place in the list. The report gives only the
-- order, no numbers, and writes the nationality as an adjective: Indiase is Indian, Chinese Chinese, Amerikaanse
-- American, Turkse Turkish.
select categorie, rang, nationaliteit from nationaliteiten where categorie = 'kennis_en_talent' order by rang;
-- expect:
-- ┌──────────────────┬──────┬───────────────┐
-- │ categorie        │ rang │ nationaliteit │
-- ├──────────────────┼──────┼───────────────┤
-- │ kennis_en_talent │    1 │ Indiase       │
-- │ kennis_en_talent │    2 │ Chinese       │
-- │ kennis_en_talent │    3 │ Turkse        │
-- └──────────────────┴──────┴───────────────┘
-- 3 rows

-- distinct drops repeated rows: which nationalities appear in any top 3?
select distinct nationaliteit from nationaliteiten order by nationaliteit;
-- expect:
-- ┌───────────────┐
-- │ nationaliteit │
-- ├───────────────┤
-- │ Amerikaanse   │
-- │ Chinese       │
-- │ Indiase       │
-- │ Iraanse       │
-- │ Russische     │
-- │ Syrische      │
-- │ Turkse        │
-- └───────────────┘
-- 7 rows

-- Exercises.

-- Exercise 3.1: Which regular category had the fewest applications in 2020, the corona year?
-- Hint: Keep the 2020 rows of regulier, and sort them by aanvragen.
-- Hint: Ascending order (the default) puts the fewest first; limit 1 then keeps only that row.
-- Mistake: select categorie, aanvragen from regulier where year = 2020 order by aanvragen desc limit 1;
-- Tip: desc puts the largest first. For the fewest, sort ascending: leave out desc, or write asc.
-- Mistake: select min(aanvragen) from regulier where year = 2020;
-- Tip: min gives the smallest number, but not which category had it. Sort the 2020 rows by aanvragen and keep the
-- first with limit 1.
select categorie, aanvragen from regulier where year = 2020 order by aanvragen limit 1;
-- expect:
-- ┌───────────┬───────────┐
-- │ categorie │ aanvragen │
-- ├───────────┼───────────┤
-- │ start_ups │       100 │
-- └───────────┴───────────┘
-- 1 row

-- Exercise 3.2: List every category (and its place) in which Indiase (Indian) nationals are in the top 3,
-- best place first.
-- Hint: nationaliteiten has one row per category and place (rang); keep the rows whose nationaliteit is
-- 'Indiase'.
-- Hint: Best place first is order by rang (1 is the best); where two places are equal, sort by categorie.
-- Mistake: select categorie, rang from nationaliteiten where nationaliteit = 'indiase' order by rang, categorie;
-- Tip: No rows: = compares text exactly, capitals included, and the report writes the nationality as a Dutch
-- adjective with a capital: 'Indiase'.
-- Mistake: select categorie, rang from nationaliteiten where nationaliteit = 'Indiase' order by categorie;
-- Tip: Best place first means sorting on the place: order by rang, and then by categorie where places are equal.
select categorie, rang from nationaliteiten where nationaliteit = 'Indiase' order by rang, categorie;
-- expect:
-- ┌──────────────────┬──────┐
-- │ categorie        │ rang │
-- ├──────────────────┼──────┤
-- │ familie_en_gezin │    1 │
-- │ kennis_en_talent │    1 │
-- │ start_ups        │    1 │
-- │ studenten        │    2 │
-- │ arbeidsmigranten │    3 │
-- └──────────────────┴──────┘
-- 5 rows

-- Exercise 3.3: Which nationality is number 1 in each category? Sort by category.
-- Hint: Number 1 of a list is its row with rang = 1; each category has one.
-- Hint: Keep those rows with where, and sort them with order by categorie.
-- Mistake: select categorie, nationaliteit from nationaliteiten where rang = 1;
-- Tip: These are the right rows, in the order of the dataset; the exercise asks for them sorted: order by
-- categorie.
-- Mistake: select categorie, nationaliteit from nationaliteiten order by rang limit 1;
-- Tip: limit 1 keeps one row of the whole dataset, but every category has its own number 1. Keep the rows where
-- rang = 1 instead.
select categorie, nationaliteit from nationaliteiten where rang = 1 order by categorie;
-- expect:
-- ┌──────────────────┬───────────────┐
-- │ categorie        │ nationaliteit │
-- ├──────────────────┼───────────────┤
-- │ arbeidsmigranten │ Chinese       │
-- │ familie_en_gezin │ Indiase       │
-- │ kennis_en_talent │ Indiase       │
-- │ start_ups        │ Indiase       │
-- │ studenten        │ Chinese       │
-- └──────────────────┴───────────────┘
-- 5 rows
