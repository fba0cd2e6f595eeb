-- Lesson 2: choosing rows with where
--
-- `where` keeps only the rows for which a condition is true. Comparisons are = != <> < <= > >=, and conditions
-- combine with and, or and not.

-- The 2021 row of the students' table.
select year, aanvragen, beslissingen from studenten where year = 2021;
-- expect:
-- ┌──────┬───────────┬──────────────┐
-- │ year │ aanvragen │ beslissingen │
-- ├──────┼───────────┼──────────────┤
-- │ 2021 │     20560 │        20600 │
-- └──────┴───────────┴──────────────┘
-- 1 row

-- The dataset regulier puts the five tables of regular (non-asylum) residence applications together:
-- familie_en_gezin (family), kennis_en_talent (highly skilled work), start_ups (starting entrepreneurs),
-- studenten (study) and arbeidsmigranten (other work). Column categorie says which table a row comes from.
-- Brexit is not part of it: that table counts differently (lesson 6).
-- Text is written in single quotes.
select categorie, year, aanvragen from regulier where categorie = 'start_ups';
-- expect:
-- ┌───────────┬──────┬───────────┐
-- │ categorie │ year │ aanvragen │
-- ├───────────┼──────┼───────────┤
-- │ start_ups │ 2019 │       150 │
-- │ start_ups │ 2020 │       100 │
-- │ start_ups │ 2021 │       100 │
-- └───────────┴──────┴───────────┘
-- 3 rows

-- The start-up scheme (start-upregeling) lets a starting, innovative entrepreneur from outside the EU build a
-- company here. Its numbers are small: 100 to 150 applications a year. The 100 applications and 100 decisions of
-- 2021 need not be the same cases: a decision can be on an application from the year before.

-- Several conditions: the large categories in the corona year 2020.
select categorie, aanvragen from regulier where year = 2020 and aanvragen > 10000;
-- expect:
-- ┌──────────────────┬───────────┐
-- │ categorie        │ aanvragen │
-- ├──────────────────┼───────────┤
-- │ familie_en_gezin │     32730 │
-- │ kennis_en_talent │     13710 │
-- │ studenten        │     12310 │
-- └──────────────────┴───────────┘
-- 3 rows

-- in (…) tests against a list, between … and … against a range (both ends included).
select categorie, year, aanvragen
from regulier
where categorie in ('studenten', 'arbeidsmigranten') and year between 2020 and 2021;
-- expect:
-- ┌──────────────────┬──────┬───────────┐
-- │ categorie        │ year │ aanvragen │
-- ├──────────────────┼──────┼───────────┤
-- │ studenten        │ 2020 │     12310 │
-- │ studenten        │ 2021 │     20560 │
-- │ arbeidsmigranten │ 2020 │      2480 │
-- │ arbeidsmigranten │ 2021 │      3300 │
-- └──────────────────┴──────┴───────────┘
-- 4 rows

-- Court cases (juridische_zaken): someone who disagrees with an IND decision can ask a judge to review it, a
-- gerechtelijke procedure. ontvangen is the number of new cases received that year, afgehandeld the number
-- settled (finished). In which years did the IND settle fewer cases than came in?
select year, ontvangen, afgehandeld from juridische_zaken where afgehandeld < ontvangen;
-- expect:
-- ┌──────┬───────────┬─────────────┐
-- │ year │ ontvangen │ afgehandeld │
-- ├──────┼───────────┼─────────────┤
-- │ 2019 │     54940 │       51280 │
-- │ 2020 │     41150 │       39880 │
-- └──────┴───────────┴─────────────┘
-- 2 rows

-- Exercises.

-- Exercise 2.1: Which categories had more than 20,000 applications in 2021?
-- Hint: Every regular category is in regulier, one row per category and year. You need two conditions: one on
-- year, one on aanvragen.
-- Hint: Join them with and, and write the number without a thousands separator: aanvragen > 20000.
-- Mistake: select categorie, aanvragen from regulier where year = 2021 and aanvragen > 20.000;
-- Tip: In SQL the point is the decimal point: 20.000 is twenty, not twenty thousand, so every 2021 row passes.
-- Write 20000.
-- Mistake: select categorie, aanvragen from regulier where aanvragen > 20000;
-- Tip: Without a condition on the year you get the large rows of every year. Add year = 2021 with and.
select categorie, aanvragen from regulier where year = 2021 and aanvragen > 20000;
-- expect:
-- ┌──────────────────┬───────────┐
-- │ categorie        │ aanvragen │
-- ├──────────────────┼───────────┤
-- │ familie_en_gezin │     42690 │
-- │ kennis_en_talent │     22840 │
-- │ studenten        │     20560 │
-- └──────────────────┴───────────┘
-- 3 rows

-- Exercise 2.2: In which rows of regulier were there more decisions than applications? (The IND then decided
-- more than came in that year, working off applications from earlier.)
-- Hint: A condition can compare two columns of the same row: put a column on each side of the comparison.
-- Hint: Keep the rows where beslissingen is greater than aanvragen, and show categorie, year, aanvragen and
-- beslissingen.
-- Mistake: select categorie, year, aanvragen, beslissingen from regulier where aanvragen > beslissingen;
-- Tip: Those are the rows with more applications than decisions: the comparison is the wrong way round.
-- Mistake: select categorie, year, aanvragen, beslissingen from regulier where beslissingen >= aanvragen;
-- Tip: >= also keeps a row with exactly as many decisions as applications (start_ups in 2021). More than is >.
select categorie, year, aanvragen, beslissingen from regulier where beslissingen > aanvragen;
-- expect:
-- ┌──────────────────┬──────┬───────────┬──────────────┐
-- │ categorie        │ year │ aanvragen │ beslissingen │
-- ├──────────────────┼──────┼───────────┼──────────────┤
-- │ kennis_en_talent │ 2019 │     20970 │        21390 │
-- │ kennis_en_talent │ 2020 │     13710 │        13760 │
-- │ start_ups        │ 2020 │       100 │          120 │
-- │ studenten        │ 2019 │     20430 │        20630 │
-- │ studenten        │ 2020 │     12310 │        12640 │
-- │ studenten        │ 2021 │     20560 │        20600 │
-- │ arbeidsmigranten │ 2020 │      2480 │         2600 │
-- └──────────────────┴──────┴───────────┴──────────────┘
-- 7 rows

-- Exercise 2.3: Show the 2019 and 2021 rows of familie_en_gezin, leaving out the corona year 2020; use not or
-- != rather than listing the years.
-- Hint: familie_en_gezin has one row per year; show its year and aanvragen.
-- Hint: != (or <>) means "is not": keep the rows whose year is not 2020. not (year = 2020) says the same.
-- Mistake: select * from familie_en_gezin where year != 2020;
-- Tip: select * shows every column; the answer shows only year and aanvragen.
-- Mistake: select year, aanvragen from familie_en_gezin where year = 2019 and year = 2021;
-- Tip: A row has one year, so year = 2019 and year = 2021 is never true: and needs both to hold. Leave out 2020
-- instead: where year != 2020.
select year, aanvragen from familie_en_gezin where year != 2020;
-- expect:
-- ┌──────┬───────────┐
-- │ year │ aanvragen │
-- ├──────┼───────────┤
-- │ 2019 │     40830 │
-- │ 2021 │     42690 │
-- └──────┴───────────┘
-- 2 rows
