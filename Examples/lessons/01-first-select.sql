-- Lesson 1: a first select
--
-- indq holds the figures of the annual reports (jaarverslagen) of the IND, the Dutch Immigration and
-- Naturalisation Service, for 2021 and 2022. Each dataset is a table from a report, or a collection of figures
-- from its text. At the prompt, `show datasets` lists them, `describe studenten` explains the columns of one,
-- and `source studenten` says where in the report its figures stand.
--
-- The table "Cijfers Studenten" counts students from outside the EU who applied for a residence permit to study
-- in the Netherlands. `select *` shows every column of every row.
select * from studenten;
-- expect:
-- ┌──────┬───────────┬──────────────┬───────────────┐
-- │ year │ aanvragen │ beslissingen │ inwilligingen │
-- ├──────┼───────────┼──────────────┼───────────────┤
-- │ 2019 │     20430 │        20630 │           99% │
-- │ 2020 │     12310 │        12640 │           96% │
-- │ 2021 │     20560 │        20600 │           99% │
-- └──────┴───────────┴──────────────┴───────────────┘
-- 3 rows

-- What the columns mean:
--   aanvragen      applications: how many requests came in that year;
--   beslissingen   decisions: how many the IND decided that year (some were applications from the year before,
--                  so decisions can exceed applications, as here);
--   inwilligingen  the grant rate: the share of the decisions that said yes. 99% means 99 of every 100 decisions
--                  granted the permit.
-- The report prints 20.560 with a dot: in Dutch, the dot separates thousands. indq shows the plain number 20560.
--
-- Look at 2020: 12.310 applications against about 20.000 in the years around it. The report explains this dip:
-- corona and the travel restrictions that came with it kept students away.

-- You can name the columns you want, in any order.
select year, aanvragen from studenten;
-- expect:
-- ┌──────┬───────────┐
-- │ year │ aanvragen │
-- ├──────┼───────────┤
-- │ 2019 │     20430 │
-- │ 2020 │     12310 │
-- │ 2021 │     20560 │
-- └──────┴───────────┘
-- 3 rows

-- Every dataset and column also has an English name: students is studenten, applications is aanvragen,
-- grant_rate is inwilligingen. And jaar is year.
select jaar, applications, grant_rate from students;
-- expect:
-- ┌──────┬──────────────┬────────────┐
-- │ jaar │ applications │ grant_rate │
-- ├──────┼──────────────┼────────────┤
-- │ 2019 │        20430 │        99% │
-- │ 2020 │        12310 │        96% │
-- │ 2021 │        20560 │        99% │
-- └──────┴──────────────┴────────────┘
-- 3 rows

-- A select can also compute: `as` gives the result a name. Here, how many more decisions than applications.
select year, beslissingen - aanvragen as meer_beslissingen from studenten;
-- expect:
-- ┌──────┬───────────────────┐
-- │ year │ meer_beslissingen │
-- ├──────┼───────────────────┤
-- │ 2019 │               200 │
-- │ 2020 │               330 │
-- │ 2021 │                40 │
-- └──────┴───────────────────┘
-- 3 rows

-- Exercises. Try each question yourself first; the model answer and its output follow.

-- Exercise 1.1: Show all figures of kennis_en_talent ("knowledge and talent": highly skilled migrants, such as
-- researchers and kennismigranten, and other international talent).
-- Hint: `select *` shows every column of a dataset.
-- Hint: The dataset is named kennis_en_talent: select * from kennis_en_talent.
-- Mistake: select year, aanvragen from kennis_en_talent;
-- Tip: The question asks for all figures: `*` gives every column, and kennis_en_talent has four.
-- Mistake: select * from studenten;
-- Tip: That is studenten, the students; the question is about kennis_en_talent.
select * from kennis_en_talent;
-- expect:
-- ┌──────┬───────────┬──────────────┬───────────────┐
-- │ year │ aanvragen │ beslissingen │ inwilligingen │
-- ├──────┼───────────┼──────────────┼───────────────┤
-- │ 2019 │     20970 │        21390 │           94% │
-- │ 2020 │     13710 │        13760 │           91% │
-- │ 2021 │     22840 │        21580 │           94% │
-- └──────┴───────────┴──────────────┴───────────────┘
-- 3 rows

-- Exercise 1.2: Show the year and the number of applications of arbeidsmigranten (labour migrants from outside
-- the EU), using the English names of the dataset and the column.
-- Hint: describe labour_migrants shows every column with its English name.
-- Hint: aanvragen is applications in English: select year, applications from labour_migrants.
-- Mistake: select year, decisions from labour_migrants;
-- Tip: decisions (beslissingen) are the decisions the IND took in a year; the question asks for the applications
-- (aanvragen) that came in.
select year, applications from labour_migrants;
-- expect:
-- ┌──────┬──────────────┐
-- │ year │ applications │
-- ├──────┼──────────────┤
-- │ 2019 │         3710 │
-- │ 2020 │         2480 │
-- │ 2021 │         3300 │
-- └──────┴──────────────┘
-- 3 rows

-- Exercise 1.3: For familie_en_gezin (people bringing a partner or family member to the Netherlands), show each
-- year's applications minus decisions, named verschil. A positive number means more came in than was decided.
-- Hint: A select can compute: write `aanvragen - beslissingen` where a column name would go.
-- Hint: `as verschil` names the computed column; only the figures are checked, not the name.
-- Mistake: select year, beslissingen - aanvragen as verschil from familie_en_gezin;
-- Tip: The order of a subtraction matters: the question asks for applications minus decisions, aanvragen -
-- beslissingen.
select year, aanvragen - beslissingen as verschil from familie_en_gezin;
-- expect:
-- ┌──────┬──────────┐
-- │ year │ verschil │
-- ├──────┼──────────┤
-- │ 2019 │      510 │
-- │ 2020 │      270 │
-- │ 2021 │     3110 │
-- └──────┴──────────┘
-- 3 rows
