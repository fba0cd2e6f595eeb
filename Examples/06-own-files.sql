-- Your own files are datasets too: FROM takes a CSV file's path in quotes. indq finds the delimiter, the header,
-- each column's type and, for a Dutch spreadsheet export, the decimal comma and the thousands dot by itself.
-- The files in Examples/data hold the report's figures as an analyst's tools write them (Examples/data/make.py).

-- An Excel export in a Dutch locale: `;` between fields, `.` between thousands, a byte order mark and CRLF.
-- 42.690 is read as the number 42690, and 82% as a percentage.
select Categorie, Jaar, Aanvragen, Inwilligingen
from 'Examples/data/regulier-export.csv'
where Jaar = 2021
order by Aanvragen desc;
-- expect:
-- ┌──────────────────┬──────┬───────────┬───────────────┐
-- │ Categorie        │ Jaar │ Aanvragen │ Inwilligingen │
-- ├──────────────────┼──────┼───────────┼───────────────┤
-- │ Familie en gezin │ 2021 │     42690 │           82% │
-- │ Kennis en talent │ 2021 │     22840 │           94% │
-- │ Studenten        │ 2021 │     20560 │           99% │
-- │ Arbeidsmigranten │ 2021 │      3300 │           72% │
-- │ Start ups        │ 2021 │       100 │           82% │
-- └──────────────────┴──────┴───────────┴───────────────┘
-- 5 rows

-- The sum over the five categories, per year, straight from the file.
select Jaar, sum(Aanvragen) as aanvragen, sum(Beslissingen) as beslissingen
from 'Examples/data/regulier-export.csv'
group by Jaar
order by Jaar;
-- expect:
-- ┌──────┬───────────┬──────────────┐
-- │ Jaar │ aanvragen │ beslissingen │
-- ├──────┼───────────┼──────────────┤
-- │ 2019 │     86090 │        86090 │
-- │ 2020 │     61330 │        61580 │
-- │ 2021 │     89490 │        84670 │
-- └──────┴───────────┴──────────────┘
-- 3 rows

-- A file in Windows-1252 with decimal commas (578,4) beside thousands (578.422): both are read as numbers.
-- A column name with spaces goes in double quotes.
select Post, "Bedrag (x 1.000 euro)", "Bedrag (miljoen euro)"
from 'Examples/data/baten-en-lasten.csv'
where "Bedrag (miljoen euro)" is not null
order by "Bedrag (x 1.000 euro)" desc;
-- expect:
-- ┌───────────────────────────┬───────────────────────┬───────────────────────┐
-- │ Post                      │ Bedrag (x 1.000 euro) │ Bedrag (miljoen euro) │
-- ├───────────────────────────┼───────────────────────┼───────────────────────┤
-- │ Totaal Lasten             │                604709 │                 604.7 │
-- │ Totaal baten              │                578422 │                 578.4 │
-- │ Kosten Oekraïne 2022      │                  6114 │                   6.1 │
-- │ Betaalde dwangsommen 2022 │                  3409 │                   3.4 │
-- └───────────────────────────┴───────────────────────┴───────────────────────┘
-- 4 rows

-- A CBS-style file: every field quoted, the unit in the header. Here the grant rate is a plain number of percent.
select Onderwerp, Perioden, "Aanvragen (aantal)", "Inwilligingen (%)"
from 'Examples/data/cbs-verblijfsaanvragen.csv'
where "Inwilligingen (%)" >= 90
order by Onderwerp, Perioden;
-- expect:
-- ┌──────────────────┬──────────┬────────────────────┬───────────────────┐
-- │ Onderwerp        │ Perioden │ Aanvragen (aantal) │ Inwilligingen (%) │
-- ├──────────────────┼──────────┼────────────────────┼───────────────────┤
-- │ Kennis en talent │     2019 │              20970 │                94 │
-- │ Kennis en talent │     2020 │              13710 │                91 │
-- │ Kennis en talent │     2021 │              22840 │                94 │
-- │ Studenten        │     2019 │              20430 │                99 │
-- │ Studenten        │     2020 │              12310 │                96 │
-- │ Studenten        │     2021 │              20560 │                99 │
-- └──────────────────┴──────────┴────────────────────┴───────────────────┘
-- 6 rows

-- read_csv takes DuckDB's options, for a file the sniffer should not guess: here all columns as text.
select Categorie, Jaar, Aanvragen
from read_csv('Examples/data/regulier-export.csv', all_varchar = true)
where Categorie = 'Start ups';
-- expect:
-- ┌───────────┬──────┬───────────┐
-- │ Categorie │ Jaar │ Aanvragen │
-- ├───────────┼──────┼───────────┤
-- │ Start ups │ 2019 │ 150       │
-- │ Start ups │ 2020 │ 100       │
-- │ Start ups │ 2021 │ 100       │
-- └───────────┴──────┴───────────┘
-- 3 rows
