-- The differential corpus: every entry runs through indq and through the DuckDB CLI (OracleTests.swift), and the
-- two must agree: the same rows (values only, not column names; in order only when the query has a top-level
-- ORDER BY), or both reject the query. `-- fails` right before an entry marks a query both must reject.
-- A percentage literal `95%` is handed to DuckDB as `0.95`. Entries end with `;` at the end of a line.
-- Deliberate differences between indq and DuckDB are not here but in differences.sql.
-- Only Dutch names: DuckDB knows neither `jaar` nor the English aliases.

-- section: files: from 'file.csv' and read_csv with DuckDB's options, over the CSV corpus (paths from the package root)
select * exclude (inwilligingen) from 'Tests/Oracle/csv/comma.csv';
select year, aanvragen from 'Tests/Oracle/csv/comma.csv' where aanvragen > 35000;
select sum(aanvragen), sum(beslissingen) from 'Tests/Oracle/csv/comma.csv';
select count(*) from 'Tests/Oracle/csv/comma.csv';
select max(year), min(year) from 'Tests/Oracle/csv/comma.csv';
select aanvragen - beslissingen as saldo from 'Tests/Oracle/csv/comma.csv' order by year;
select year from 'Tests/Oracle/csv/comma.csv' order by aanvragen desc limit 1;
select * exclude (inwilligingen) from read_csv('Tests/Oracle/csv/comma.csv');
select * exclude (inwilligingen) from read_csv('Tests/Oracle/csv/comma.csv', header = true);
select * exclude (inwilligingen) from read_csv('Tests/Oracle/csv/comma.csv', delim = ',');
select * exclude (inwilligingen) from read_csv('Tests/Oracle/csv/comma.csv', sep = ',');
select column0, column1 from read_csv('Tests/Oracle/csv/comma.csv', skip = 1, header = false);
select * exclude (inwilligingen) from read_csv('Tests/Oracle/csv/comma.csv', all_varchar = true);
select categorie, sum(aanvragen) from 'Tests/Oracle/csv/regulier.csv' group by categorie order by categorie;
select categorie, max(aanvragen) from 'Tests/Oracle/csv/regulier.csv' group by all order by 2 desc;
select year, count(*) from 'Tests/Oracle/csv/regulier.csv' group by year order by year;
select categorie from 'Tests/Oracle/csv/regulier.csv' where year = 2021 and aanvragen > 10000 order by categorie;
select distinct categorie from 'Tests/Oracle/csv/regulier.csv' order by 1;
select categorie, aanvragen from 'Tests/Oracle/csv/regulier.csv' where categorie like '%en%' order by aanvragen;
select categorie, year, aanvragen, rank() over (partition by year order by aanvragen desc) from 'Tests/Oracle/csv/regulier.csv' order by year, 4;
select categorie, year, aanvragen - lag(aanvragen) over (partition by categorie order by year) from 'Tests/Oracle/csv/regulier.csv' order by categorie, year;
select year, sum(aanvragen) over (order by year) from 'Tests/Oracle/csv/comma.csv' order by year;
select categorie, avg(aanvragen) from 'Tests/Oracle/csv/regulier.csv' group by categorie having avg(aanvragen) > 10000 order by 1;
select upper(categorie), length(categorie) from 'Tests/Oracle/csv/regulier.csv' where year = 2019 order by 1;
select count(distinct categorie) from 'Tests/Oracle/csv/regulier.csv';
select year, ontvangen, afgehandeld from 'Tests/Oracle/csv/integers.csv' order by year;
select sum(ontvangen - afgehandeld) from 'Tests/Oracle/csv/integers.csv';
select * exclude (inwilligingen) from 'Tests/Oracle/csv/semicolon.csv';
select year, aanvragen from 'Tests/Oracle/csv/semicolon.csv' where beslissingen > 14000 order by year;
select * exclude (inwilligingen) from read_csv('Tests/Oracle/csv/semicolon.csv', delim = ';');
select * exclude (inwilligingen) from 'Tests/Oracle/csv/tab.tsv';
select sum(aanvragen) from 'Tests/Oracle/csv/tab.tsv';
select * exclude (inwilligingen) from read_csv('Tests/Oracle/csv/tab.tsv', delim = '\t');
select * exclude (inwilligingen) from 'Tests/Oracle/csv/pipe.csv';
select count(*) from 'Tests/Oracle/csv/long.csv';
select groep, count(*), sum(waarde), min(waarde), max(waarde) from 'Tests/Oracle/csv/long.csv' group by groep order by groep;
select id, waarde from 'Tests/Oracle/csv/long.csv' order by waarde desc, id limit 5;
select id from 'Tests/Oracle/csv/long.csv' where waarde between 100 and 120 order by id;
select count(*) from 'Tests/Oracle/csv/long.csv' where groep = 'a' and waarde > 5000;
select id, waarde, row_number() over (order by waarde, id) from 'Tests/Oracle/csv/long.csv' order by 3 limit 3;
select groep, median(waarde) from 'Tests/Oracle/csv/long.csv' group by groep order by groep;
select * from 'Tests/Oracle/csv/cbs-style.csv' order by 1, 2;
select "Onderwerp", sum("Aanvragen (aantal)") from 'Tests/Oracle/csv/cbs-style.csv' group by 1 order by 1;
select year, aanvragen from 'Tests/Oracle/csv/comma.csv' union all select year, aanvragen from 'Tests/Oracle/csv/semicolon.csv' order by 1, 2;
select year from 'Tests/Oracle/csv/comma.csv' intersect select year from 'Tests/Oracle/csv/integers.csv' order by 1;
select year, aanvragen from 'Tests/Oracle/csv/comma.csv' where year in (select year from 'Tests/Oracle/csv/integers.csv' where ontvangen > 45000);
select (select max(aanvragen) from 'Tests/Oracle/csv/comma.csv') - (select min(aanvragen) from 'Tests/Oracle/csv/comma.csv');
select year, aanvragen from 'Tests/Oracle/csv/comma.csv' where aanvragen > (select avg(aanvragen) from 'Tests/Oracle/csv/comma.csv') order by year;
select * from 'Tests/Oracle/csv/quoted-delimiters.csv';
select * from 'Tests/Oracle/csv/doubled-quotes.csv';
select * from 'Tests/Oracle/csv/quoted-newlines.csv';
select * exclude (inwilligingen) from 'Tests/Oracle/csv/crlf.csv';
select * exclude (inwilligingen) from 'Tests/Oracle/csv/bom.csv';
select * exclude (inwilligingen) from 'Tests/Oracle/csv/no-final-newline.csv';
select * from 'Tests/Oracle/csv/empty-fields.csv';
select count(*) from 'Tests/Oracle/csv/empty-fields.csv' where 2 is null;
select * from 'Tests/Oracle/csv/dates-iso.csv' order by 1;
select year(datum), count(*) from 'Tests/Oracle/csv/dates-iso.csv' group by 1 order by 1;
select datum from 'Tests/Oracle/csv/dates-iso.csv' where datum >= date '2022-06-01' order by datum;
select month(datum), count(*) from 'Tests/Oracle/csv/dates-iso.csv' group by all order by 1;
select column0, column1, column2 from 'Tests/Oracle/csv/no-header.csv';
select column0, column1, column2 from read_csv('Tests/Oracle/csv/no-header.csv', header = false);
select * from read_csv('Tests/Oracle/csv/comma.csv', columns = {'jaar': 'BIGINT', 'a': 'BIGINT', 'b': 'BIGINT', 'c': 'VARCHAR'}, header = true);
select * from 'Tests/Oracle/csv/wide.csv';
select count(*) from 'Tests/Oracle/csv/booleans.csv' where eerste;
select * from 'Tests/Oracle/csv/null-word.csv';
select * from read_csv('Tests/Oracle/csv/null-word.csv', nullstr = 'NULL');
select * from 'Tests/Oracle/csv/negative.csv';
select count(*) from 'Tests/Oracle/csv/decimals.csv';
select sum(1) from 'Tests/Oracle/csv/leading-zeros.csv';
select * from read_csv('Tests/Oracle/csv/dutch-excel.csv', delim = ';', decimal_separator = ',', thousands = '.');
select sum("Bedrag (x 1.000 euro)") from read_csv('Tests/Oracle/csv/dutch-excel.csv', delim = ';', decimal_separator = ',', thousands = '.') where "Post" like 'Totaal%';
select * exclude (inwilligingen) from read_csv('Tests/Oracle/csv/comma.csv', types = ['BIGINT', 'BIGINT', 'BIGINT', 'VARCHAR']);
select count(*) from read_csv('Tests/Oracle/csv/null-word.csv', nullstr = ['NULL', 'x']) where voorbeeld is null;
select * exclude (inwilligingen) from 'Tests/Oracle/csv/regulier.csv.gz' order by categorie, year;
select categorie, sum(aanvragen) from 'Tests/Oracle/csv/regulier.csv.gz' group by 1 order by 1;
select groep, sum(waarde) from 'Tests/Oracle/csv/long.csv' where mod(id, 7) = 0 group by all order by 1;
select * exclude (inwilligingen) from 'Tests/Oracle/csv/quoted-header.csv';
select * exclude (inwilligingen) from 'Tests/Oracle/csv/all-quoted.csv';
select * from 'Tests/Oracle/csv/utf8-text.csv';
select * exclude (inwilligingen) from 'Tests/Oracle/csv/trailing-blank-lines.csv';
select * from 'Tests/Oracle/csv/single-column.csv';
select * exclude (inwilligingen) from read_csv('Tests/Oracle/csv/comma.csv', ignore_errors = true);

-- section: select list, star, columns, aliases
select * from studenten;
select * from regulier;
select * from brexit;
select * from juridische_zaken;
select * from nationaliteiten;
select * from financien;
select * from personeel;
select * from kerncijfers;
select * from start_ups;
select * from arbeidsmigranten;
select year, aanvragen from kennis_en_talent;
select aanvragen, year from familie_en_gezin;
select year as jaartal, beslissingen as besluiten from studenten;
select Year, AANVRAGEN from Studenten;
select categorie, year, inwilligingen from regulier;
select post, bedrag from financien;
select post, fte from personeel;
select nationaliteit, rang from nationaliteiten;
select onderwerp, waarde, eenheid from kerncijfers;
select ontvangen, afgehandeld from juridische_zaken;
select year, year, aanvragen from brexit;
select *, aanvragen - beslissingen as saldo from brexit;
select year as y from start_ups;
select instandhoudingen_asiel, instandhoudingen_regulier from juridische_zaken;
select categorie as c, nationaliteit as n from nationaliteiten;

-- section: literals
select 1, 'tekst', 2.5 from studenten;
select 95% from brexit;
select 12.5% from brexit;
select 100% from brexit;
select 0% from brexit;
select 0.5 from start_ups;
select 'it''s' from start_ups;
select year, 'regulier' as soort from studenten;
select 1e3 from brexit;
select -1 from brexit;
select year, true, false from brexit;
select null from brexit;
select 9223372036854775807 from brexit;

-- section: arithmetic
select year, aanvragen - beslissingen as achterstand from studenten;
select year, aanvragen + beslissingen from kennis_en_talent;
select year, aanvragen * 2 from start_ups;
select year, aanvragen / beslissingen as verhouding from familie_en_gezin;
select year, aanvragen // 1000 as duizendtallen from studenten;
select year, aanvragen // 7, aanvragen / 7 from arbeidsmigranten;
select year, -aanvragen // 7 from arbeidsmigranten;
select year, (aanvragen - beslissingen) * 100 / aanvragen as pct_achterstand from studenten;
select year, aanvragen - beslissingen * 2 from start_ups;
select year, (aanvragen - beslissingen) * 2 from start_ups;
select year, beslissingen * inwilligingen as toegekend from studenten;
select year, beslissingen - beslissingen * inwilligingen as afgewezen from kennis_en_talent;
select year, inwilligingen * 100 as procent from arbeidsmigranten;
select year, 1 - inwilligingen as afwijzingen from familie_en_gezin;
select year, inwilligingen + 5% from start_ups;
select year, inwilligingen - 10% from brexit;
select year, inwilligingen / 2 from studenten;
select year, instandhoudingen_asiel - instandhoudingen_regulier as verschil from juridische_zaken;
select year, ontvangen - afgehandeld as voorraadgroei from juridische_zaken;
select year, afgehandeld / ontvangen from juridische_zaken;
select post, bedrag * 1000 as euro from financien;
select post, bedrag / 1000 as miljoen from financien;
select post, -bedrag from financien;
select post, fte / 4558 from personeel;
select onderwerp, waarde * 2 from kerncijfers where eenheid = 'maanden';
select 2 + 3 * 4 from brexit;
select (2 + 3) * 4 from brexit;
select 10 - 2 - 3 from brexit;
select 100 / 8 / 2 from brexit;
select 100 // 8 // 2 from brexit;
select 7 / 2, 7 // 2, -7 // 2, 7 // -2 from brexit;
select - - 5 from brexit;
select year, aanvragen // 0 from studenten;
select year, (aanvragen - aanvragen) // 7 from studenten;
select year * 12 + 6 from brexit;
select 0.1 + 0.2 from brexit;
select 1.5 * 2 from brexit;
select aanvragen * 9223372036854775807 // 9223372036854775807 from start_ups where year = 2099;

-- section: where comparisons
select year from studenten where aanvragen > 20000;
select year from studenten where aanvragen >= 20560;
select year from studenten where aanvragen < 20560;
select year from studenten where aanvragen <= 20430;
select year from studenten where aanvragen = 12310;
select year from studenten where aanvragen != 12310;
select year from studenten where aanvragen <> 12310;
select categorie, year from regulier where inwilligingen > 90%;
select categorie, year from regulier where inwilligingen < 0.7;
select categorie, year from regulier where inwilligingen = 82%;
select categorie, year from regulier where aanvragen < beslissingen;
select categorie, year from regulier where aanvragen - beslissingen > 1000;
select categorie from regulier where year = 2021 and aanvragen > 20000;
select * from regulier where categorie = 'start_ups';
select year from regulier where categorie = 'studenten' and inwilligingen = 99%;
select post from financien where bedrag < 0;
select post from financien where bedrag > 100000;
select onderwerp from kerncijfers where eenheid = 'procent';
select onderwerp, waarde from kerncijfers where waarde > 50000;
select onderwerp from kerncijfers where year = 2030;
select nationaliteit from nationaliteiten where rang = 1;
select categorie from nationaliteiten where nationaliteit = 'Turkse';
select categorie from regulier where categorie > 'r';
select year from juridische_zaken where instandhoudingen_asiel > instandhoudingen_regulier;
select year from juridische_zaken where afgehandeld > ontvangen;
select year from brexit where beslissingen * inwilligingen > 35000;
select year from studenten where year = 1999;
select year from studenten where 1 = 1;
select year from studenten where false;
select year from studenten where aanvragen / beslissingen > 1;
select onderwerp from kerncijfers where waarde = 6;
select onderwerp from kerncijfers where waarde < 1;

-- section: and, or, not
select categorie, year from regulier where year = 2020 and inwilligingen < 90%;
select categorie, year from regulier where year = 2019 or inwilligingen < 70%;
select categorie, year from regulier where not year = 2021;
select categorie, year from regulier where not (year = 2021 or categorie = 'start_ups');
select categorie, year from regulier where year = 2021 and (categorie = 'studenten' or categorie = 'start_ups');
select categorie, year from regulier where year = 2021 and categorie = 'studenten' or categorie = 'start_ups';
select categorie, year from regulier where not categorie = 'studenten' and not categorie = 'familie_en_gezin' and year > 2019;
select year from studenten where true and not false;
select year from studenten where aanvragen > 20000 and beslissingen > 20000 and inwilligingen = 99%;
select year from kennis_en_talent where aanvragen > 20000 or beslissingen > 20000;
select onderwerp from kerncijfers where eenheid = 'maanden' or eenheid = 'weken';
select onderwerp from kerncijfers where not eenheid = 'aantal' and year = 2022;

-- section: between, in
select categorie, year from regulier where aanvragen between 10000 and 25000;
select categorie, year from regulier where aanvragen not between 1000 and 40000;
select categorie, year from regulier where inwilligingen between 80% and 90%;
select year from studenten where year between 2020 and 2021;
select year from studenten where year between 2021 and 2019;
select categorie from regulier where year = 2020 and categorie in ('studenten', 'start_ups');
select categorie, year from regulier where categorie not in ('studenten', 'start_ups', 'familie_en_gezin');
select year from studenten where year in (2019, 2021, 2023);
select year from studenten where year not in (2020);
select nationaliteit, categorie from nationaliteiten where nationaliteit in ('Indiase', 'Chinese') and rang = 1;
select categorie, year from regulier where inwilligingen in (82%, 99%);
select onderwerp from kerncijfers where eenheid in ('weken', 'maanden');
select post from financien where bedrag between 1000 and 10000;
select year from studenten where aanvragen in (beslissingen, 20560);
select year from brexit where year in (2020 + 1);
select categorie from regulier where year = 2021 and aanvragen not in (100, 3300);

-- section: is null and null handling
select onderwerp from kerncijfers where kwalificatie is null and year = 2022;
select onderwerp, kwalificatie from kerncijfers where kwalificatie is not null;
select year, kwalificatie from kerncijfers where kwalificatie = 'ruim';
select onderwerp from kerncijfers where kwalificatie != 'ruim';
select onderwerp from kerncijfers where not kwalificatie = 'ruim';
select year, null is null, null is not null from brexit;
select year, null = null, null <> 1, 1 + null from brexit;
select year from brexit where null;
select year from brexit where not null;
select year from brexit where null or year = 2020;
select year from brexit where null and year = 2020;
select year from brexit where year in (2020, null);
select year from brexit where year not in (2020, null);
select year from brexit where year between null and 2021;
select onderwerp, kwalificatie || ' ' || onderwerp from kerncijfers where eenheid = 'procent';
select year, aanvragen * null from brexit;
select kwalificatie is null as onbepaald, onderwerp from kerncijfers where year = 2030;

-- section: order by, limit, offset
select year, aanvragen from studenten order by aanvragen;
select year, aanvragen from studenten order by aanvragen desc;
select year, aanvragen from studenten order by year desc;
select categorie, year, aanvragen from regulier order by aanvragen desc limit 3;
select categorie, year, aanvragen from regulier order by aanvragen, year limit 4;
select categorie, year from regulier order by categorie, year desc;
select categorie, year from regulier order by 1 desc, 2;
select categorie, year, inwilligingen from regulier order by inwilligingen desc, categorie, year;
select categorie, year, aanvragen - beslissingen as saldo from regulier order by saldo desc limit 5;
select categorie, year, aanvragen - beslissingen as saldo from regulier order by aanvragen - beslissingen limit 2;
select year, aanvragen from studenten order by beslissingen;
select categorie, year from regulier order by aanvragen desc limit 5 offset 5;
select categorie, year from regulier order by categorie, year limit 100 offset 13;
select categorie, year from regulier order by categorie, year limit 0;
select year from studenten order by year limit 2 offset 1;
select post, bedrag from financien order by bedrag;
select post from financien order by post;
select onderwerp, kwalificatie from kerncijfers where year = 2021 order by kwalificatie, onderwerp;
select onderwerp, kwalificatie from kerncijfers where year = 2021 order by kwalificatie desc, onderwerp;
select nationaliteit, categorie from nationaliteiten order by nationaliteit, categorie;
select categorie as c, year as y from regulier order by c desc, y desc;
select year, aanvragen from kennis_en_talent order by 2 desc limit 1;
select year, inwilligingen from arbeidsmigranten order by inwilligingen;
select onderwerp, waarde from kerncijfers where eenheid = 'aantal' order by waarde desc, onderwerp limit 3;
select post, fte from personeel order by fte desc;
select year, ontvangen from juridische_zaken order by ontvangen - afgehandeld desc;
select categorie, year from regulier where year = 2021 order by inwilligingen * aanvragen desc;
select year from studenten limit 2;
select * from regulier order by categorie, year desc limit 4 offset 2;

-- section: distinct
select distinct year from regulier;
select distinct categorie from regulier;
select distinct inwilligingen from regulier;
select distinct nationaliteit from nationaliteiten;
select distinct nationaliteit from nationaliteiten order by nationaliteit;
select distinct eenheid from kerncijfers order by eenheid;
select distinct kwalificatie from kerncijfers;
select distinct year, eenheid from kerncijfers;
select distinct rang from nationaliteiten where nationaliteit = 'Indiase' order by rang;
select distinct aanvragen from start_ups;

-- section: string concatenation
select categorie || ' ' || year from regulier where year = 2020;
select nationaliteit || ' (' || categorie || ')' as label from nationaliteiten where rang = 1;
select 'rang ' || rang || ': ' || nationaliteit from nationaliteiten where categorie = 'studenten';
select post || ': ' || bedrag from financien where bedrag < 10000;
select year || '' from brexit;
select 'IND' || ' ' || 'jaarverslag' from brexit where year = 2021;
select onderwerp || ' ' || kwalificatie from kerncijfers where year = 2022;
select categorie || year as sleutel from regulier order by sleutel limit 3;
select year || ': ' || aanvragen / 1000 from studenten;
select year || ' ' || inwilligingen * 100 from studenten;
select 'groot: ' || (aanvragen > 20000) from studenten;
select 'x' || 1e3 from brexit;

-- section: aggregates
select count(*) from regulier;
select count(*) from regulier where year = 2021;
select count(*) from kerncijfers where eenheid = 'aantal';
select count(kwalificatie) from kerncijfers;
select count(distinct nationaliteit) from nationaliteiten;
select count(distinct eenheid), count(eenheid) from kerncijfers;
select sum(aanvragen) from regulier where year = 2021;
select sum(aanvragen), sum(beslissingen) from regulier;
select avg(aanvragen) from studenten;
select avg(inwilligingen) from regulier where year = 2021;
select min(aanvragen), max(aanvragen) from regulier;
select min(inwilligingen), max(inwilligingen) from regulier;
select min(categorie), max(categorie) from regulier;
select min(nationaliteit) from nationaliteiten;
select max(year) from kerncijfers;
select sum(bedrag) from financien where post in ('Personele kosten', 'Materiële kosten');
select sum(fte) from personeel where post in ('ambtelijke bezetting', 'externe inhuur');
select sum(ontvangen) - sum(afgehandeld) from juridische_zaken;
select sum(aanvragen) - sum(beslissingen) as achterstand from familie_en_gezin;
select sum(beslissingen * inwilligingen) / sum(beslissingen) as gewogen from regulier where year = 2021;
select count(*) from regulier where aanvragen > 100000;
select sum(aanvragen) from regulier where aanvragen > 100000;
select max(aanvragen) from regulier where categorie = 'nope';
select avg(aanvragen) from regulier where false;
select count(*) filter (where inwilligingen >= 90%) from regulier;
select count(*) filter (where year = 2021), count(*) filter (where year = 2019) from regulier;
select sum(aanvragen) filter (where categorie = 'studenten') as studie, sum(aanvragen) as totaal from regulier;
select avg(inwilligingen) filter (where year = 2020) from regulier;
select sum(aanvragen) filter (where year = 2021) - sum(aanvragen) filter (where year = 2020) as groei from regulier;
select count(distinct categorie) filter (where inwilligingen > 80%) from regulier;
select max(waarde) filter (where eenheid = 'maanden') from kerncijfers;
select count(*) * 2, sum(aanvragen) / count(*) from regulier;
select round(avg(aanvragen), 1) from kennis_en_talent;
select min(waarde), max(waarde) from kerncijfers where eenheid = 'procent';
select sum(waarde) from kerncijfers where eenheid = 'miljoen euro';

-- section: group by
select categorie, sum(aanvragen) from regulier group by categorie;
select categorie, sum(aanvragen) as totaal from regulier group by categorie order by totaal desc;
select year, sum(aanvragen), sum(beslissingen) from regulier group by year order by year;
select year, count(*) from kerncijfers group by year order by year;
select eenheid, count(*) from kerncijfers group by eenheid order by eenheid;
select eenheid, count(*) as n from kerncijfers group by 1 order by 2 desc, 1;
select categorie, avg(inwilligingen) from regulier group by categorie order by 2 desc, 1;
select categorie, min(inwilligingen), max(inwilligingen) from regulier group by categorie;
select nationaliteit, count(*) from nationaliteiten group by nationaliteit order by count(*) desc, nationaliteit;
select nationaliteit, min(rang) as beste from nationaliteiten group by nationaliteit;
select year > 2019 as recent, sum(aanvragen) from regulier group by year > 2019;
select year, categorie, sum(aanvragen) from regulier group by year, categorie order by year, categorie;
select categorie, sum(aanvragen) - sum(beslissingen) as achterstand from regulier group by categorie order by achterstand desc;
select categorie, count(*) filter (where inwilligingen >= 90%) as hoog from regulier group by categorie;
select year, sum(aanvragen) filter (where categorie <> 'studenten') from regulier group by year;
select kwalificatie, count(*) from kerncijfers group by kwalificatie;
select year, eenheid, count(*) from kerncijfers group by year, eenheid;
select categorie, sum(beslissingen * inwilligingen) / sum(beslissingen) as gewogen from regulier group by categorie;
select aanvragen // 10000 as klasse, count(*) from regulier group by aanvragen // 10000 order by klasse;
select categorie from regulier group by categorie order by categorie;
select year, count(distinct categorie) from nationaliteiten group by year;
select categorie, max(aanvragen) - min(aanvragen) as spreiding from regulier group by categorie;
select categorie, round(avg(aanvragen), 0) from regulier group by categorie;

-- section: having
select categorie, sum(aanvragen) from regulier group by categorie having sum(aanvragen) > 50000;
select categorie, sum(aanvragen) as totaal from regulier group by categorie having totaal < 10000;
select categorie from regulier group by categorie having min(inwilligingen) >= 90%;
select nationaliteit, count(*) from nationaliteiten group by nationaliteit having count(*) > 1 order by 2 desc, 1;
select year, sum(aanvragen) from regulier group by year having avg(inwilligingen) > 84%;
select eenheid from kerncijfers group by eenheid having count(*) = 1 order by eenheid;
select categorie, count(*) from regulier group by categorie having max(aanvragen) > 3 * min(aanvragen);
select count(*) from regulier having count(*) > 10;
select categorie from regulier group by categorie having sum(aanvragen) filter (where year = 2021) > sum(aanvragen) filter (where year = 2019);

-- section: scalar subqueries
select categorie, year, aanvragen from regulier where aanvragen = (select max(aanvragen) from regulier);
select categorie, year from regulier where inwilligingen = (select min(inwilligingen) from regulier);
select categorie, year, aanvragen from regulier where aanvragen > (select avg(aanvragen) from regulier);
select year, aanvragen, (select sum(aanvragen) from studenten) as totaal from studenten;
select year, aanvragen * 1.0 / (select sum(aanvragen) from studenten) as aandeel from studenten;
select (select count(*) from nationaliteiten) as n from brexit where year = 2021;
select post from financien where bedrag = (select max(bedrag) from financien);
select year from juridische_zaken where ontvangen < (select max(ontvangen) from juridische_zaken);
select categorie, year from regulier where year = (select max(year) from regulier) and aanvragen > 20000;
select onderwerp from kerncijfers where year = (select min(year) from kerncijfers) and waarde > 20000;
select categorie, sum(aanvragen) from regulier group by categorie having sum(aanvragen) > (select sum(aanvragen) from brexit) / 2;
select year, aanvragen - (select aanvragen from studenten where year = 2019) as verschil_met_2019 from studenten;
select year from studenten where aanvragen = (select aanvragen from studenten where year = 1990);

-- section: case
select year, case when aanvragen > 20000 then 'hoog' else 'laag' end as niveau from studenten;
select categorie, year, case when inwilligingen >= 90% then 'ruim' when inwilligingen >= 75% then 'gemiddeld' else 'krap' end from regulier;
select year, case when year = 2021 then aanvragen end from brexit;
select case when kwalificatie is null then 'exact' else kwalificatie end, onderwerp from kerncijfers where year = 2021;
select sum(case when year = 2021 then aanvragen else 0 end) from regulier;
select categorie, case when sum(aanvragen) > 50000 then 'groot' else 'klein' end from regulier group by categorie;
select year, case when aanvragen > beslissingen then aanvragen - beslissingen else 0 end as groei from kennis_en_talent;
select case when true then 1 else 2 end from brexit;
select year, case when inwilligingen > 98% then inwilligingen else null end from brexit;
select categorie, year from regulier order by case when categorie = 'studenten' then 0 else 1 end, categorie, year;
select count(case when inwilligingen < 80% then 1 end) from regulier;

-- section: functions
select year, round(aanvragen / 1000, 1) from studenten;
select year, round(inwilligingen * beslissingen) from brexit;
select round(2.5), round(-2.5), round(3.14159, 2), round(1234.5678, -2) from brexit where year = 2020;
select post, round(bedrag / 1000.0, 1) as miljoen from financien;
select year, round(afgehandeld * 100.0 / ontvangen, 2) from juridische_zaken;
select post, abs(bedrag) from financien;
select year, abs(aanvragen - beslissingen) from studenten;
select abs(-7), abs(7), abs(-2.5) from brexit where year = 2020;
select onderwerp, coalesce(kwalificatie, 'precies') from kerncijfers where year = 2022;
select coalesce(null, null, 3) from brexit;
select coalesce(null, 'x') from brexit where year = 2020;
select year, nullif(aanvragen, 100) from start_ups;
select year, aanvragen / nullif(beslissingen - beslissingen, 0) from start_ups;
select categorie, upper(categorie) from regulier where year = 2021;
select lower(post) from financien;
select upper(post) from financien where post = 'Materiële kosten';
select post, length(post) from financien;
select nationaliteit, length(nationaliteit) from nationaliteiten where rang = 1;
select onderwerp from kerncijfers where length(onderwerp) > 60;
select upper('ind'), lower('IND'), length('') from brexit where year = 2021;
select year, round(avg(aanvragen) over (), 2) from studenten;
select categorie, coalesce(sum(aanvragen) filter (where aanvragen > 30000), 0) from regulier group by categorie;
select upper(nationaliteit) || '-' || lower(categorie) from nationaliteiten where rang = 3;
select abs(round(-2.567, 2)) from brexit where year = 2021;
select ROUND(aanvragen / 3, 0), Abs(-1), UPPER('a') from start_ups;

-- section: like and ilike
select distinct nationaliteit from nationaliteiten where nationaliteit like 'I%';
select post from financien where post like '%kosten%';
select post from financien where post like 'Totaal%';
select post from financien where post ilike 'totaal%';
select post from financien where post not like '%2022';
select onderwerp from kerncijfers where onderwerp like '%asiel%';
select onderwerp from kerncijfers where onderwerp ilike '%IND%';
select categorie, year from regulier where categorie like '%_en_%' and year = 2021;
select distinct nationaliteit from nationaliteiten where nationaliteit like '_ndiase';
select post from personeel where post not ilike '%BEZETTING%';
select onderwerp from kerncijfers where onderwerp like 'wettelijke beslistermijn%' order by onderwerp;
select distinct categorie from nationaliteiten where categorie like 'start%';
select onderwerp from kerncijfers where onderwerp like '%asiel%aanvragen%afgehandeld' order by onderwerp;
select onderwerp from kerncijfers where onderwerp like '%a%a%a%a%a%a%' order by onderwerp;
select onderwerp from kerncijfers where onderwerp like '%_n_%_e%' order by onderwerp;
select onderwerp from kerncijfers where onderwerp ilike '%IND%LOKET%' order by onderwerp;
select post from financien where post like '%%' order by post;
select post from financien where post like '%_' order by post;
select post from financien where post like '_%_%_' order by post;
select 'abcabc' like '%c%bc', 'aaa' like '%a%a%a%a', 'ab' like 'a%%b', '' like '%', '' like '_', 'x' like '', 'abc' like 'abc%', 'abc' like '%abc';
select 'aaaaaaaaab' like '%aaab', 'aaaaaaaaab' like '%aaaab%', 'ababab' like '%bab%b', 'ababab' like 'a%b%a%b', 'mississippi' like '%iss%ppi';
select 'ÄÖü' ilike 'äöÜ', 'ÄÖü' like '_Ö_', 'çà' like '%à', 'naïef' ilike 'NA%F';

-- section: cast
select year, cast(inwilligingen * 100 as integer) from studenten;
select cast(7 / 2 as integer), cast(-7 / 2 as integer) from brexit where year = 2021;
select cast(aanvragen as double) / 3 from start_ups;
select cast(year as varchar) || '-' || categorie from regulier where aanvragen < 200;
select cast('12' as integer) + 1 from brexit where year = 2021;
select cast('2.5' as double) * 2 from brexit where year = 2021;
select cast(aanvragen as bigint) from start_ups;
select cast(year as varchar) from studenten;
select cast(bedrag / 1000 as integer) from financien;
select post from financien where cast(bedrag as varchar) like '6%';
select cast(rang as double) from nationaliteiten where categorie = 'studenten';
select cast(null as integer) from brexit;

-- section: select without from
select 7 / 2, 7 // 2;
select 1 + 2 * 3;
select 'IND' || ' 2021';
select 95% * 2;
select round(2.5), round(3.5);
select abs(-12), upper('x');
select null is null;
select (select max(aanvragen) from regulier);
select (select count(*) from regulier) - (select count(*) from nationaliteiten);
select cast('7' as integer) * 6;
select case when 2 > 1 then 'ja' else 'nee' end;
select coalesce(null, 42);
select 1 where false;

-- section: union all
select year, aanvragen from studenten union all select year, aanvragen from brexit;
select 'studenten', sum(aanvragen) from studenten union all select 'brexit', sum(aanvragen) from brexit;
select year from studenten union all select year from studenten;
select post, bedrag from financien where bedrag < 0 union all select post, fte from personeel;
select categorie, year from regulier where year = 2019 union all select categorie, year from nationaliteiten where rang = 1 order by 1, 2;
select year, aanvragen from studenten union all select year, aanvragen from start_ups order by aanvragen desc limit 3;
select 1 union all select 2 union all select 3;
select nationaliteit from nationaliteiten where rang = 1 union all select nationaliteit from nationaliteiten where rang = 2 order by 1;
select year, inwilligingen from studenten union all select year, instandhoudingen_asiel from juridische_zaken;

-- section: window functions
select categorie, year, aanvragen - lag(aanvragen) over (partition by categorie order by year) as groei from regulier;
select year, aanvragen, lag(aanvragen) over (order by year) from studenten;
select year, aanvragen, lead(aanvragen) over (order by year) from studenten;
select categorie, year, lead(inwilligingen) over (partition by categorie order by year) from regulier;
select categorie, year, row_number() over (partition by categorie order by year desc) as nr from regulier;
select year, row_number() over (order by year) from studenten;
select categorie, year, rank() over (order by inwilligingen desc) from regulier;
select categorie, year, rank() over (partition by year order by aanvragen desc) as positie from regulier;
select categorie, year, first_value(aanvragen) over (partition by categorie order by year) from regulier;
select categorie, year, aanvragen - first_value(aanvragen) over (partition by categorie order by year) as sinds_2019 from regulier;
select categorie, year, sum(aanvragen) over (partition by categorie) as totaal from regulier;
select categorie, year, aanvragen * 1.0 / sum(aanvragen) over (partition by year) as aandeel from regulier;
select categorie, year, sum(aanvragen) over (partition by categorie order by year) as cumulatief from regulier;
select categorie, year, avg(inwilligingen) over (partition by categorie) from regulier;
select categorie, year, avg(aanvragen) over (partition by year) from regulier;
select year, sum(aanvragen) over (order by year) from studenten;
select categorie, year, sum(aanvragen) over (order by year) from regulier;
select year, sum(aanvragen) over () from brexit;
select categorie, year, lag(aanvragen) over (partition by categorie order by year) from regulier order by categorie, year;
select categorie, year, round((aanvragen - lag(aanvragen) over (partition by categorie order by year)) * 100.0 / lag(aanvragen) over (partition by categorie order by year), 1) as pct from regulier order by categorie, year;
select nationaliteit, categorie, row_number() over (partition by nationaliteit order by rang, categorie) from nationaliteiten;
select categorie, year, rank() over (partition by categorie order by inwilligingen desc) from regulier;
select year, lag(year) over (order by year), lead(year) over (order by year) from juridische_zaken;

-- section: must fail: unknown names
-- fails
select * from asiel;
-- fails
select * from studenten_2021;
-- fails
select aanvraag from studenten;
-- fails
select year, totaal from regulier;
-- fails
select categorie from studenten;
-- fails
select year from studenten where inwilligingspercentage > 90%;
-- fails
select year from studenten order by nope;
-- fails
select max(bedragen) from financien;

-- section: must fail: grouping and aggregates
-- fails
select categorie, year, sum(aanvragen) from regulier group by categorie;
-- fails
select categorie, sum(aanvragen) from regulier;
-- fails
select year, count(*) from studenten;
-- fails
select year from studenten where sum(aanvragen) > 10;
-- fails
select year from regulier where count(*) > 1 group by year;
-- fails
select sum(categorie) from regulier;
-- fails
select avg(nationaliteit) from nationaliteiten;
-- fails
select sum(count(*)) from regulier;
-- fails
select year from studenten having year > 2019;
-- fails
select categorie from regulier group by categorie having year > 2019;
-- fails
select count(*) from studenten group by 5;

-- section: must fail: functions
-- fails
select median2(aanvragen) from studenten;
-- fails
select totaal(aanvragen) from studenten;
-- fails
select round() from studenten;
-- fails
select abs(1, 2) from studenten;
-- fails
select upper('a', 'b') from studenten;
-- fails
select length() from studenten;
-- fails
select coalesce() from studenten;
-- fails
select nullif(aanvragen) from studenten;
-- fails
select abs(categorie) from regulier;
-- fails
select upper(year) from studenten;
-- fails
select length(aanvragen) from studenten;
-- fails
select round(categorie) from regulier;
-- fails
select lag(aanvragen) from studenten;
-- fails
select year from studenten where row_number() over (order by year) = 1;

-- section: must fail: types
-- fails
select categorie + 1 from regulier;
-- fails
select categorie * 2 from regulier;
-- fails
select -categorie from regulier;
-- fails
select post - bedrag from financien;
-- fails
select year from studenten where year like '20%';
-- fails
select cast(categorie as integer) from regulier;
-- fails
select cast('abc' as integer) from studenten;
-- fails
select year from studenten where aanvragen between 'a' and 'z';
-- fails
select 9223372036854775807 + year from studenten;
-- fails
select aanvragen * 9223372036854775807 from studenten;
-- fails
select year from studenten where aanvragen = (select aanvragen from studenten);
-- fails
select year, aanvragen from studenten union all select year from brexit;

-- section: must fail: syntax
-- fails
selec * from studenten;
-- fails
select from studenten;
-- fails
select year studenten where;
-- fails
select year from studenten where year =;
-- fails
select (year from studenten;
-- fails
select year from studenten order year;
-- fails
select year,, aanvragen from studenten;
-- fails
select * from studenten limit;
-- fails
select year from studenten where year in ();
-- fails
select year from studenten limit -1;
-- fails
select year from studenten where year between 2019;
-- fails
select * from;
-- fails
select year from studenten group by;
-- fails
select case when year > 2019 then 1 from studenten;
-- fails
select cast(year integer) from studenten;
-- fails
select year from studenten where year is nul;

-- section: edge cases: rounding, casts, text of numbers
select year, cast(aanvragen / 8 as integer) from start_ups;
select cast(12.5 as integer), cast(-12.5 as integer);
select year, round(aanvragen / 8) from start_ups;
select round(2.675, 2), round(0.5), round(-0.5);
select year, round(inwilligingen * 100, 1) from studenten;
select year || ' ' || aanvragen / 7 from studenten;
select cast(aanvragen / 7 as varchar) from studenten;
select cast(0.5 as varchar), cast(1e3 as varchar);
select post from financien where upper(post) ilike '%ië%';
select length(post), upper(post), lower(post) from financien where post like '%Oekra%';
select upper(null), length(null), coalesce(kwalificatie, onderwerp) from kerncijfers where year = 2030;
select nullif(0, 0), nullif('a', 'b'), nullif(kwalificatie, 'ruim') from kerncijfers where year = 2022 and kwalificatie is not null;
select case when year > 2019 then 1 else 2.5 end from studenten;
select coalesce(null, 1, 2.5), coalesce(null, 2.5, 1);
select abs(inwilligingen - 1) from studenten;
select year, -year // 2, year // -3 from studenten;
select distinct inwilligingen * 100 from regulier order by 1;
select max(post), min(post) from financien;
select 1e3 * 2, 2.50 * 2, 00012, 1.0e-2;
select -inwilligingen, +aanvragen from studenten;

-- section: edge cases: operators and precedence
select 5 / 2 * 2, 5 // 2 * 2, 2 * 5 // 2;
select 1 - 2 - 3, 2 * 3 / 4, 1 + 2 || 'x';
select 'a' || 1 + 2;
select year from studenten where year between 2019 and 2020 and aanvragen > 15000 or year = 2021;
select not true = false;
select year, inwilligingen between 95% and 99% from studenten;
select year, inwilligingen in (99%, 0.96) from studenten;
select year, aanvragen is null, aanvragen is not null from studenten;
select year, aanvragen from studenten order by aanvragen / beslissingen desc;

-- section: edge cases: aggregates, groups and windows
select (select aanvragen from studenten where year = 1990);
select sum(inwilligingen), avg(year), count(distinct inwilligingen) from regulier;
select categorie, count(*) from regulier where year = 1900 group by categorie;
select count(*), sum(aanvragen) from regulier where year = 1900;
select year, aanvragen from studenten union all select year, inwilligingen from brexit;
select categorie, year from regulier where aanvragen > (select avg(aanvragen) from regulier where categorie = 'studenten') order by 1, 2;
select categorie, avg(aanvragen) as gem from regulier group by 1 having avg(aanvragen) > 20000 order by gem;
select categorie, sum(aanvragen) as totaal from regulier group by categorie order by sum(aanvragen) desc;
select year as jaartal, count(*) from regulier group by jaartal order by jaartal;
select lower(categorie) as c, count(*) from regulier group by lower(categorie) order by c;
select year, lag(aanvragen, 2) over (order by year), lead(aanvragen, 1, 0) over (order by year) from studenten;
select year, first_value(aanvragen) over (order by year desc) from studenten;
select year, avg(inwilligingen) over (order by year) from studenten;
select categorie, year, sum(inwilligingen) over (partition by categorie order by year desc) from regulier;
select year, rank() over (order by inwilligingen), row_number() over (order by inwilligingen, year) from studenten;
select sum(aanvragen) over (partition by categorie) - aanvragen from regulier;
select count(*) over (), year from studenten;
select min(aanvragen) over (partition by categorie), categorie, year from regulier;

-- section: exact keys, IN with NULL and case mapping (fixed bugs)
select null in (select year from studenten where false);
select null not in (select year from studenten where false);
select null in (select year from studenten);
select null not in (select year from studenten);
select 2020 in (select year from studenten);
select 2022 in (select year from studenten);
select 2022 not in (select year from studenten);
select 2022 in (select case when year = 2021 then null else year end from studenten);
select 2020 in (select case when year = 2021 then null else year end from studenten);
select 2022 not in (select case when year = 2021 then null else year end from studenten);
select null in (select null from studenten);
select null in (2019, 2020);
select 2019 in (null, 2019);
select 2022 in (null, 2019);
select 2022 not in (null, 2019);
select year from studenten where year not in (select year from studenten where false);
select year from studenten where year in (select year from brexit);
select year, inwilligingen in (select inwilligingen from regulier where categorie = 'studenten') from brexit;
select distinct 0 / bedrag from financien;
select 0 / bedrag as z, count(*) from financien group by z;
select count(distinct 0 / bedrag) from financien;
select count(*) over (partition by 0 / bedrag) from financien;
select count(distinct 9007199254740992 + year - 2019) from studenten;
select distinct 9007199254740992 + year - 2019 from studenten;
select 9007199254740992 + year - 2019 as k, count(*) from studenten group by k;
select count(*) over (partition by 9007199254740992 + year - 2019) from studenten;
select upper('Straße'), lower('İstanbul');
select upper('ǆ ﬁ ᾳ ŉ'), lower('ΣΑΣ Ǆ');
select length(lower('İstanbul')), length(upper('Straße'));

-- section: aliases, as DuckDB resolves them
select distinct "year" from studenten order by year;
select bedrag, post as bedrag from financien order by bedrag;
select bedrag, post as bedrag from financien order by bedrag desc;
select post as bedrag, bedrag from financien order by bedrag;
select year, aanvragen - beslissingen as verschil from familie_en_gezin where verschil > 300;
select aanvragen - beslissingen as v from studenten where v < 0 and year = 2019;
select aanvragen as year from studenten where year = 2020;
select year as y, aanvragen from studenten where y >= 2020 order by -y;
select post, bedrag as b from financien order by b * -1;
select post as bedrag from financien order by bedrag + 0;
select year, aanvragen as a from studenten order by a - beslissingen;
select year // 2 as h, count(*) as n from regulier group by h order by n desc, h;
select categorie as c, sum(aanvragen) as s from regulier group by c having s > 50000 order by s;
select categorie, sum(aanvragen) as s from regulier group by categorie order by -s;
select lower(categorie) as c, max(aanvragen) as m from regulier where c like 's%' group by c order by c;
select year, row_number() over (order by aanvragen desc) as r from studenten order by r;

-- section: group by all, order by all
select categorie, sum(aanvragen) from regulier group by all;
select year, categorie, count(*), max(inwilligingen) from regulier group by all order by all;
select year // 2 as h, sum(beslissingen) from regulier group by all order by all desc;
select categorie, year, aanvragen from regulier order by all;
select categorie, year, aanvragen from regulier order by all desc;
select distinct inwilligingen from regulier order by all;
select year, aanvragen from studenten union all select year, aanvragen from brexit order by all;

-- section: star exclude and replace
select * exclude (beslissingen) from studenten;
select * exclude (aanvragen, inwilligingen) from regulier;
select * exclude year from brexit;
select * replace (aanvragen // 1000 as aanvragen) from studenten;
select * replace (upper(categorie) as categorie, aanvragen * 2 as aanvragen) from regulier;
select * exclude (inwilligingen) replace (-aanvragen as aanvragen) from kennis_en_talent;
select * exclude (post), bedrag * 1000 as euro from financien;
select * replace (aanvragen // 1000 as aanvragen) from studenten order by aanvragen, year;
-- fails
select * exclude (bestaat_niet) from studenten;
-- fails
select * replace (1 as bestaat_niet) from studenten;

-- section: qualify
select categorie, year, aanvragen - lag(aanvragen) over (partition by categorie order by year) as groei from regulier qualify year = 2021;
select categorie, year, aanvragen from regulier qualify row_number() over (partition by categorie order by aanvragen desc) = 1;
select year, rank() over (order by aanvragen desc) as r from studenten qualify r <= 2;
select categorie, year from regulier where year > 2019 qualify lag(aanvragen) over (partition by categorie order by year) < aanvragen;
select categorie, sum(aanvragen) as s from regulier group by categorie qualify rank() over (order by sum(aanvragen) desc) <= 2;
-- fails
select year from studenten qualify year > 2019;
-- fails
select year from studenten qualify aanvragen;

-- section: set operations
select year from studenten union select year from brexit;
select year from studenten union all select year from brexit;
select year from studenten intersect select year from brexit;
select year from studenten except select year from brexit;
select year from brexit except select year from studenten;
select inwilligingen from regulier union select inwilligingen from brexit;
select year // 2020 from regulier intersect all select year // 2020 from studenten;
select year // 2020 from regulier except all select year // 2020 from studenten;
select categorie from regulier intersect all select categorie from regulier where year = 2021;
select 1 union select 2 intersect select 2;
select 1 union all select 1 union select 1;
select 1 union select 1 union all select 1;
select 1 except select 1 union select 2;
select null union select null;
select null intersect select null;
select year, aanvragen from studenten union select year, beslissingen from studenten order by 2 desc;
select year, aanvragen from studenten except select year, aanvragen from studenten where year = 2020 order by year;
select year from studenten intersect select 2021 union select 1999 order by 1;
-- fails
select year from studenten intersect select year, aanvragen from brexit;

select 0 / bedrag from financien union select 0;
select 0 / bedrag from financien intersect select 0.0;

-- section: exact decimals, as DuckDB's DECIMAL
select 0.1 + 0.2 = 0.3, 0.1 + 0.2;
select 99% - 96% = 94% - 91%, 99% - 96%;
select round(1.005, 2), round(2.675, 2), round(-1.005, 2), round(1.555, 1);
select round(15.5, -1), round(0.5, 5), round(123.45, -5), round(-2.5);
select 1.50, 2.50 * 2, 0.5 * 0.25, 1.5 - 3, 10.25 + 0.125;
select 0.5 / 0.25, 7.5 / 2, 1 / 3;
select 0.1 = 0.1::double, 1.5 > 1.4::double, 0.1 + 0.1::double;
select 1e308, 1e3 * 2, 2.5e-3 + 1;
select sum(waarde), min(waarde), max(waarde) from kerncijfers where eenheid = 'miljoen euro';
select avg(waarde) from kerncijfers where eenheid = 'miljoen euro';
select sum(waarde), avg(waarde), min(waarde), abs(-max(waarde)), round(avg(waarde), 2) from kerncijfers where eenheid = 'miljoen euro';
select year, waarde * 2, waarde - 0.05, -waarde from kerncijfers where eenheid = 'miljoen euro';
select cast(1.5 as decimal(10, 3)), cast(1.23456 as decimal(10, 2)), cast(1.235 as decimal(10, 2)), cast(2 as numeric);
select 1.5::varchar, 1.50::varchar, 0.50::double, cast(1.25 as double);
select cast(2.5 as integer), cast(-2.5 as integer), cast(0.5 as bigint), 2.5::integer;
select cast(2.5::double as integer), cast(3.5::double as integer);
select cast(50% as integer), cast(49% as integer), cast(150% as integer);
select coalesce(null, 1.25, 10.5), case when true then 1 else 2.5 end;
select 1.5 as x union all select 2.25 order by 1;
select distinct waarde from kerncijfers where eenheid = 'miljoen euro' order by 1;
select year, inwilligingen - 90% from studenten order by year;
select year, inwilligingen - lag(inwilligingen) over (order by year) from studenten order by year;
select year, inwilligingen + (99% - 96%) from studenten order by year;
select year, aanvragen * inwilligingen from familie_en_gezin order by year;
select year, round(aanvragen * inwilligingen) from familie_en_gezin order by year;
select 12345678901234567890.5 + 1, 99999999999999999999999999999999999.5 + 0.5;
-- fails
select 12345678901234567890123456789012345678 * 10.5;

-- section: casts with ::
select year::varchar, aanvragen::double from studenten order by year;
select (aanvragen - beslissingen)::integer, inwilligingen::double from studenten order by year;
select -1.5::integer, 2 * 1.5::integer;

-- section: lag and lead defaults take the value's type
select year, lag(year, 1, 0.5) over (order by year) from studenten order by year;
select year, lead(aanvragen, 1, 2.5) over (order by year) from studenten order by year;
select year, lag(inwilligingen, 1, 0) over (order by year) from studenten order by year;

-- section: text functions
select nationaliteit, substr(nationaliteit, 1, 3), substring(nationaliteit, 2), substr(nationaliteit, -3) from nationaliteiten;
select substr('Oekraïne', 2, 3), substr('abc', 0, 2), substr('abc', -2, 1), substr('abc', 2, -1), substr('abc', 5), substr('abc', -9, 2);
select substr('abc', -9, 8), substr('abc', 0, -1), substr('abcdef', 4, -2), substr('abc', 0), substr('abc', -4), substr('abc', 1, -5), substr('abcdef', -2, -2), substr('abc', 0, 1);
select substr('abc', -4294967296, 2), substr('abc', 4294967295), substr('abc', 2, 4294967295);
select substr(post, 1, 6), substr(null, 1), substr('abc', null) from financien;
select replace(post, 'kosten', 'uitgaven'), replace(post, '', 'x') from financien;
select replace('aaa', 'aa', 'b'), replace('a-b-c', '-', ''), replace(null, 'a', 'b');
select trim('  x  ') || '|', ltrim('  x  ') || '|', rtrim('  x  ') || '|', trim('xxaxx', 'x'), ltrim('xya', 'xy'), rtrim('ayx', 'xy');
select post, rtrim(post, ' 2022') from financien;
select trim(null), ltrim('', 'x'), trim('   ');
select concat(categorie, ' ', year), concat(categorie, null, aanvragen) from regulier;
select concat('a', null, 'b', 1, 2.5), concat(null), concat_ws('-', 'a', null, 'b'), concat_ws(null, 'a', 'b'), concat_ws('-', 1, 2);
select concat_ws(' / ', categorie, year, aanvragen) from regulier;
select left(categorie, 4), right(categorie, 4), left(categorie, -3), right(categorie, -3) from regulier;
select left('Oekraïne', 3), right('Oekraïne', 3), left('abc', 0), left('abc', 10), right('abc', 10), left(null, 1);
select post, strpos(post, 'kosten'), strpos(post, ''), strpos(lower(post), 'totaal') from financien;
select strpos('ïa', 'a'), strpos('', ''), strpos('abc', 'abcd'), strpos(null, 'a');
select post from financien where starts_with(post, 'Totaal');
select post from financien where contains(lower(post), 'kosten');
select starts_with('hello', ''), contains('hello', ''), contains(null, 'a'), starts_with('a', 'ab');
select lpad(cast(rang as varchar), 3, '0'), rpad(nationaliteit, 12, '.') from nationaliteiten;
select lpad('ab', 5, 'xy'), rpad('ab', 5, 'xy'), lpad('abcdef', 3, 'x'), rpad('abcdef', 3, 'x'), lpad('ab', 0, 'x'), lpad('ïé', 4, 'ø');
select lpad('ab', -1, 'x'), lpad('ab', 2, ''), lpad(null, 3, 'x'), lpad('a', 3, null);
select year, string_agg(nationaliteit, ', ') from nationaliteiten group by year;
select categorie, string_agg(nationaliteit) from nationaliteiten group by categorie order by categorie;
select string_agg(categorie, '; ') from regulier where year = 2021;
select string_agg(distinct categorie, ',') from regulier where year = 2021 and aanvragen > 1000000;
select string_agg(aanvragen, '+') from studenten;
select string_agg(kwalificatie, ',') from kerncijfers where kwalificatie is null;
select string_agg(nationaliteit, ', ') filter (where rang = 1) from nationaliteiten;
-- fails
select lpad('ab', 5, '');
-- fails
select substr(year, 1) from studenten;

-- section: number functions
select year, greatest(aanvragen, beslissingen), least(aanvragen, beslissingen) from studenten;
select greatest(1, 2.5, 3), greatest(1, null, 3), greatest('a', 'b'), least(3, 1, 2), greatest(null, null), least(2, null);
select greatest(inwilligingen, 97%), least(inwilligingen, 97%) from studenten;
select year, mod(aanvragen, 1000), mod(-aanvragen, 7), mod(aanvragen, -7), mod(aanvragen, 0) from studenten;
select mod(7.5, 2), mod(-7.5, 2), mod(bedrag, 1000) from financien;
select mod(null, 2), mod(2, null);
select power(2, 10), power(2, -1), power(0, 0), pow(2, 3), power(aanvragen, 0.5) from studenten;
select power(aanvragen / 12310, 1 / 2) as groeifactor from studenten where year = 2021;
select sqrt(aanvragen), sqrt(16), sqrt(0), sqrt(null) from studenten;
select exp(1), exp(0), exp(-1000), exp(inwilligingen) from studenten;
select year, ln(aanvragen), log10(aanvragen), ln(1), log10(0.001) from studenten;
select post, log10(bedrag) from financien where bedrag > 0;
select floor(aanvragen / 1000), ceil(aanvragen / 1000), trunc(aanvragen / 1000), ceiling(aanvragen / 7) from studenten;
select floor(2.7), floor(-2.5), floor(7), ceil(2.1), ceil(-2.1), trunc(-2.7), trunc(7), floor(null);
select post, sign(bedrag), sign(-bedrag), sign(0), sign(2.5), sign(-0.5) from financien;
select floor(bedrag / 1000) * 1000 as duizendtal, count(*) from financien group by duizendtal order by 1;
-- fails
select sqrt(-1);
-- fails
select ln(0);
-- fails
select ln(-1);
-- fails
select log10(0);
-- fails
select log10(-aanvragen) from studenten;
-- fails
select mod(categorie, 2) from regulier;
-- fails
select greatest(1, 'a');

-- section: aggregates: median, quantiles, spread, count_if, arg_max
select median(aanvragen), median(beslissingen) from regulier;
select categorie, median(aanvragen) from regulier group by categorie;
select median(aanvragen) from studenten where year < 2021;
select quantile_cont(aanvragen, 0.25), quantile_cont(aanvragen, 0), quantile_cont(aanvragen, 1), quantile_cont(aanvragen, 0.9) from regulier;
select stddev_samp(aanvragen), var_samp(aanvragen) from regulier;
select categorie, stddev_samp(aanvragen), var_samp(beslissingen) from regulier group by categorie;
select stddev_samp(aanvragen), var_samp(aanvragen) from studenten where year = 2019;
select median(aanvragen), stddev_samp(aanvragen) from studenten where year = 1900;
select count_if(aanvragen > 10000), count_if(inwilligingen >= 95%) from regulier;
select year, count_if(aanvragen > beslissingen) from regulier group by year order by year;
select count_if(aanvragen > 10000) filter (where year = 2021) from regulier;
select arg_max(categorie, aanvragen), arg_min(categorie, aanvragen) from regulier where year = 2021;
select arg_min(year, aanvragen), arg_max(year, aanvragen) from studenten;
select categorie, arg_max(year, aanvragen) from regulier group by categorie;
select arg_max(post, bedrag), arg_min(post, bedrag) from financien;
select arg_max(onderwerp, waarde) from kerncijfers where eenheid = 'maanden';
select arg_max(kwalificatie, year) from kerncijfers;
select categorie, year, median(aanvragen) over (partition by categorie order by year) from regulier;
select categorie, year, arg_max(year, aanvragen) over (partition by categorie) from regulier;
select year, count_if(aanvragen > 20000) over (order by year) from studenten;
-- fails
select quantile_cont(aanvragen, 2) from regulier;

-- section: typeof, if, ifnull
select typeof(aanvragen), typeof(categorie), typeof(true) from regulier limit 1;
select typeof(aanvragen + 1), typeof(aanvragen > 1), typeof(categorie || 'x') from regulier limit 1;
select year, if(aanvragen > beslissingen, 'groei', 'krimp') from studenten;
select if(null, 1, 2), if(true, 1, 2.5), if(false, null, 'x'), if(year = 2020, aanvragen, null) from studenten;
select if(year > 2019, aanvragen / (year - 2019), 0) from studenten;
select onderwerp, ifnull(kwalificatie, 'exact') from kerncijfers;
select ifnull(null, 3), ifnull(1, 2.5), ifnull(null, null);

-- section: table functions (range, generate_series) and selects over them
select * from range(5);
select * from range(2, 5);
select * from range(10, 0, -3);
select * from range(0);
select * from range(-3);
select * from range(1, 5, -1);
select * from range(null);
select * from generate_series(5);
select * from generate_series(1, 10, 3);
select * from generate_series(5, 1, -2);
select * from generate_series(9223372036854775805, 9223372036854775807, 1);
select * from generate_series(-9223372036854775807, -9223372036854775807 - 1, -1);
select count(*) from range(9223372036854775800, 9223372036854775807, 3);
select count(*) from range(2 + 3);
select count(*), sum(range), min(range), max(range) from range(100000);
select count(distinct mod(range, 7)) from range(1000);
select mod(range, 3) as k, count(*), sum(range), min(range), max(range), avg(range) from range(100) group by k order by k;
select range from range(100) order by range desc limit 3 offset 2;
select range from range(10) where range > 2 and range < 7 order by range;
select sum(range) from range(0);
select distinct mod(range, 4) from range(20) order by 1;
select range // 3, count(*) from range(10) group by 1 order by 1;
select median(range) from range(11);
select range * 2 + 1 from range(5);
select range from range(5) where range in (select range * 2 from range(3));
select range, sum(range) over (order by range) from range(6) order by range;
select range from range(3) union all select generate_series from generate_series(1, 2) order by 1;
-- fails
select * from range(1, 2, 0);
-- fails
select * from range(1.5);
-- fails
select * from range(1, 2, 3, 4);
-- fails
select * from range();


-- section: dates
select date '2022-03-31';
select date '2024-02-29', date '2000-02-29', date '0001-01-01', date '9999-12-31';
select cast('2022-03-31' as date), '2022-3-1'::date, cast(' 2022-03-01 ' as date);
select cast(date '2022-03-31' as varchar), date '2022-03-31'::varchar || '!';
select typeof(date '2022-03-31'), typeof(date '2022-03-31' + 1), typeof(date '2022-03-31' - date '2022-01-01');
select date '2022-03-31' + 1, 1 + date '2022-03-31', date '2022-03-01' - 1, date '2024-02-28' + 1;
select date '2022-03-31' - date '2022-01-01', date '2022-01-01' - date '2022-03-31', date '9999-12-31' - date '0001-01-01';
select date '2022-03-31' = date '2022-03-31', date '2022-03-31' <> date '2022-04-01', date '2022-03-31' < date '2022-04-01';
select date '2022-03-31' >= '2022-03-31', date '2022-03-31' > '2022-1-1', '2023-01-01' < date '2022-03-31';
select date '2022-03-31' between '2022-01-01' and '2022-12-31', date '2022-03-31' not between date '2022-04-01' and date '2022-05-01';
select date '2022-03-31' in ('2022-03-31', '2023-01-01'), date '2022-03-31' not in (date '2022-01-01');
select date '2022-03-31' = null, null::date, cast(null as date) is null;
select date '2022-01-01' + (range * 40)::integer as d from range(10) order by d desc;
select date '2022-01-01' + (range * 40)::integer as d from range(10) order by d limit 3;
select date '2022-01-01' + (range // 3)::integer as d, count(*) from range(10) group by d order by d;
select distinct date '2022-01-01' + (range // 4)::integer from range(9);
select count(distinct date '2022-01-01' + (range // 2)::integer), min(date '2022-01-01' - range::integer), max(date '2022-01-01' + range::integer) from range(5);
select min(date '2022-01-01' + range::integer), max(date '2022-01-01' + range::integer), count(date '2022-01-01' + range::integer) from range(0);
select date '2022-01-01' + range::integer from range(5) where date '2022-01-01' + range::integer >= '2022-01-03';
select date '2022-01-01' + range::integer from range(5) where date '2022-01-01' + range::integer between date '2022-01-02' and '2022-01-04' order by 1;
select date '2022-01-01' union select '2022-01-01' union select date '2021-12-31' order by 1;
select date '2022-01-01' + range::integer from range(4) except select date '2022-01-02';
select date '2022-01-01' + range::integer from range(4) intersect select date '2022-01-01' + (range * 2)::integer from range(4);
select date '2022-01-01' union all select null union all select date '2022-01-01' order by 1;
select coalesce(null, date '2022-01-01', '2023-01-01'), typeof(coalesce(date '2022-01-01', '2023-01-01'));
select case when range = 1 then date '2022-01-01' else '2022-02-02' end from range(3) order by 1;
select date '2022-01-01' + range::integer, sum(range) over (order by date '2022-01-01' + range::integer desc) from range(4) order by 1;
select max(date '2022-01-01' - range::integer) over (order by range) from range(4);
select year, date '2022-01-01' - year::integer from studenten order by year;
select date '2022-01-01' + (range * 1000)::integer from range(5) order by 1 desc limit 2;
select nullif(date '2022-01-01', date '2022-01-01'), nullif(date '2022-01-01', '2022-01-02');
select date '2022-01-01' || ' tot ' || date '2022-12-31';
-- fails
select date '2022-02-29';
-- fails
select date '2022-13-01';
-- fails
select cast('31-03-2022' as date);
-- fails
select date '2022-01-01' + 1.5;
-- fails
select date '2022-01-01' + date '2022-01-01';
-- fails
select date '2022-01-01' * 2;
-- fails
select date '2022-01-01' = 1;
-- fails
select cast(20220101 as date);
-- fails
select cast(date '2022-01-01' as integer);
-- fails
select sum(date '2022-01-01');
-- fails
select date '2022-03-31' > '2022-13-01';

-- section: date functions
select year(date '2022-03-31'), month(date '2022-03-31'), day(date '2022-03-31'), quarter(date '2022-03-31');
select dayofmonth(date '2022-03-31'), weekofyear(date '2022-03-31'), weekday(date '2022-03-31'), dayofweek(date '2022-04-03');
select isodow(date '2022-04-03'), dayofyear(date '2024-12-31'), isoyear(date '2021-01-03'), yearweek(date '2021-01-03');
select week(date '2021-01-03'), week(date '2021-01-04'), week(date '2024-12-30'), week(date '2020-12-31'), isoyear(date '2024-12-30');
select date '2020-12-28' + range::integer as d, week(date '2020-12-28' + range::integer), isodow(date '2020-12-28' + range::integer), dayofweek(date '2020-12-28' + range::integer) from range(14) order by d;
select date_part('year', date '2022-03-31'), date_part('month', date '2022-03-31'), date_part('day', date '2022-03-31');
select date_part('quarter', date '2022-11-30'), date_part('week', date '2022-03-31'), date_part('dow', date '2022-04-03'), date_part('doy', date '2022-03-31');
select date_part('decade', date '2022-03-31'), date_part('century', date '2022-03-31'), date_part('millennium', date '2022-03-31'), date_part('century', date '2000-12-31');
select date_part('y', date '2022-03-31'), date_part('mon', date '2022-03-31'), date_part('YEARS', date '2022-03-31'), datepart('isodow', date '2022-04-03');
select extract(year from date '2022-03-31'), extract(month from date '2022-03-31'), extract('day' from date '2022-03-31');
select extract(quarter from date '2022-08-01'), extract(dow from date '2022-04-03'), extract(isoyear from date '2021-01-03');
select year(date '2022-01-01' + (range * 100)::integer) as y, count(*) from range(20) group by y order by y;
select month(date '2022-01-01' + (range * 10)::integer) as m, count(*) from range(36) group by m order by m;
select date_trunc('month', date '2022-03-31')::date, date_trunc('year', date '2022-03-31')::date, date_trunc('day', date '2022-03-31')::date;
select date_trunc('quarter', date '2022-05-15')::date, date_trunc('week', date '2022-04-03')::date, date_trunc('week', date '2022-03-28')::date;
select date_trunc('decade', date '2022-05-15')::date, date_trunc('century', date '2022-05-15')::date, date_trunc('millennium', date '2022-05-15')::date;
select date_trunc('month', date '2022-01-01' + (range * 9)::integer)::date as m, count(*) from range(40) group by m order by m;
select year(date_trunc('quarter', date '2022-12-31')), month(date_trunc('quarter', date '2022-12-31'));
select date_diff('day', date '2022-01-01', date '2022-03-31'), date_diff('day', date '2022-03-31', date '2022-01-01');
select date_diff('month', date '2022-01-31', date '2022-02-01'), date_diff('year', date '2022-12-31', date '2023-01-01'), date_diff('quarter', date '2022-03-31', date '2022-04-01');
select date_diff('week', date '2022-01-01', date '2022-01-10'), date_diff('week', date '2022-01-09', date '2022-01-01'), datediff('week', date '2022-01-01', date '2022-01-07');
select date_diff('decade', date '2019-12-31', date '2020-01-01'), date_diff('month', date '2020-02-29', date '2019-02-28');
select last_day(date '2024-02-10'), last_day(date '2023-02-10'), last_day(date '2022-12-01'), last_day(date '2022-04-30');
select make_date(2024, 2, 29), make_date(1, 1, 1), make_date(9999, 12, 31);
select make_date(2022, range::integer + 1, 1) as d from range(12) order by d desc;
select monthname(date '2022-03-31'), dayname(date '2022-03-31'), monthname(date '2022-12-01'), dayname(date '2022-04-03');
select year(null::date), date_trunc('month', null::date), date_diff('day', null::date, date '2022-01-01'), last_day(null::date);
select year, make_date(year, 12, 31) as einde from studenten order by year;
select year, aanvragen from studenten where make_date(year, 1, 1) >= '2020-01-01' order by year;
select typeof(year(date '2022-03-31')), typeof(date_diff('day', date '2022-01-01', date '2022-01-02')), typeof(make_date(2022, 1, 1)), typeof(last_day(date '2022-01-01'));
-- fails
select year('2022-03-31');
-- fails
select year(2022);
-- fails
select date_part('fortnight', date '2022-03-31');
-- fails
select make_date(2023, 2, 29);
-- fails
select make_date(2023, 13, 1);
-- fails
select extract(year date '2022-03-31');
-- fails
select date_diff('day', date '2022-01-01');
-- section: joins: inner join on equality
select r.categorie, r.aanvragen, n.nationaliteit from regulier r join nationaliteiten n on n.categorie = r.categorie and n.year = r.year where n.rang = 1;
select a.year, a.aanvragen, b.aanvragen from studenten a join familie_en_gezin b on a.year = b.year;
select a.year, a.aanvragen, b.aanvragen from studenten a join kennis_en_talent b on a.year = b.year;
select a.year, a.aanvragen, b.aanvragen from studenten a join start_ups b on a.year = b.year;
select a.year, a.aanvragen, b.aanvragen from studenten a join arbeidsmigranten b on a.year = b.year;
select a.year, a.aanvragen, b.aanvragen from studenten a join brexit b on a.year = b.year;
select a.year, a.aanvragen, b.aanvragen from familie_en_gezin a join kennis_en_talent b on a.year = b.year;
select a.year, a.aanvragen, b.aanvragen from familie_en_gezin a join start_ups b on a.year = b.year;
select a.year, a.aanvragen, b.aanvragen from familie_en_gezin a join arbeidsmigranten b on a.year = b.year;
select a.year, a.aanvragen, b.aanvragen from familie_en_gezin a join brexit b on a.year = b.year;
select a.year, a.aanvragen, b.aanvragen from kennis_en_talent a join start_ups b on a.year = b.year;
select a.year, a.aanvragen, b.aanvragen from kennis_en_talent a join arbeidsmigranten b on a.year = b.year;
select a.year, a.aanvragen, b.aanvragen from kennis_en_talent a join brexit b on a.year = b.year;
select a.year, a.aanvragen, b.aanvragen from start_ups a join arbeidsmigranten b on a.year = b.year;
select a.year, a.aanvragen, b.aanvragen from start_ups a join brexit b on a.year = b.year;
select a.year, a.aanvragen, b.aanvragen from arbeidsmigranten a join brexit b on a.year = b.year;
select a.year, a.aanvragen - b.aanvragen as verschil from studenten as a inner join familie_en_gezin as b on b.year = a.year order by a.year;
select a.year, a.aanvragen - b.aanvragen as verschil from studenten as a inner join kennis_en_talent as b on b.year = a.year order by a.year;
select a.year, a.aanvragen - b.aanvragen as verschil from studenten as a inner join start_ups as b on b.year = a.year order by a.year;
select a.year, a.aanvragen - b.aanvragen as verschil from studenten as a inner join arbeidsmigranten as b on b.year = a.year order by a.year;
select a.year, a.aanvragen - b.aanvragen as verschil from studenten as a inner join brexit as b on b.year = a.year order by a.year;
select a.year, a.aanvragen - b.aanvragen as verschil from familie_en_gezin as a inner join kennis_en_talent as b on b.year = a.year order by a.year;
select a.year, a.aanvragen - b.aanvragen as verschil from familie_en_gezin as a inner join start_ups as b on b.year = a.year order by a.year;
select a.year, a.aanvragen - b.aanvragen as verschil from familie_en_gezin as a inner join arbeidsmigranten as b on b.year = a.year order by a.year;
select s.year, s.inwilligingen, k.inwilligingen from studenten s join kennis_en_talent k on s.year = k.year where s.inwilligingen > k.inwilligingen;
select * from studenten s join brexit b on s.year = b.year;
select s.*, b.aanvragen from studenten s join brexit b on s.year = b.year;
select b.*, s.year from studenten s join brexit b on s.year = b.year;
select r.categorie, r.year, n.rang, n.nationaliteit from regulier r join nationaliteiten n on r.categorie = n.categorie and r.year = n.year order by r.categorie, n.rang;
select n.nationaliteit, count(*) from nationaliteiten n join regulier r on r.categorie = n.categorie and r.year = n.year group by n.nationaliteit order by 2 desc, 1;
select r.categorie, sum(r.aanvragen) from regulier r join nationaliteiten n on r.categorie = n.categorie group by r.categorie order by 1;
select j.year, j.ontvangen, s.aanvragen from juridische_zaken j join studenten s on j.year = s.year;
select j.year, j.instandhoudingen_asiel, r.categorie from juridische_zaken j join regulier r on r.year = j.year where r.inwilligingen > 90% order by 1, 3;
select f.post, p.post, f.bedrag, p.fte from financien f join personeel p on f.year = p.year order by 1, 2 limit 10;
select count(*) from financien f join personeel p on f.year = p.year;
select r.categorie, r.year from regulier r join regulier r2 on r.categorie = r2.categorie and r.year = r2.year + 1 where r.aanvragen > r2.aanvragen order by 1, 2;

-- section: joins: self-joins
select a.year, b.year from studenten a join studenten b on a.year < b.year order by 1, 2;
select a.categorie, a.year, b.year from regulier a join regulier b on a.categorie = b.categorie and a.year < b.year order by 1, 2, 3;
select a.categorie, a.aanvragen - b.aanvragen as groei from regulier a join regulier b on a.categorie = b.categorie and a.year = b.year + 1 where a.year = 2021 order by groei;
select a.nationaliteit, a.categorie, b.categorie from nationaliteiten a join nationaliteiten b on a.nationaliteit = b.nationaliteit and a.categorie < b.categorie order by 1, 2, 3;
select x.year, y.year, x.aanvragen + y.aanvragen from brexit x, brexit y where x.year <= y.year;
select count(*) from regulier a, regulier b;
select count(*) from regulier a, regulier b, studenten c;
select a.rang, b.rang from nationaliteiten a join nationaliteiten b on a.rang = b.rang + 1 and a.categorie = b.categorie order by 1, 2;
select a.year, count(*) from regulier a join regulier b on a.year = b.year group by a.year order by 1;
select a.categorie, max(b.aanvragen) from regulier a join regulier b on a.year = b.year and a.categorie <> b.categorie group by a.categorie order by 1;

-- section: joins: left, right and full outer joins
select a.year, a.aanvragen, b.aanvragen from studenten a left join familie_en_gezin b on a.year = b.year and b.aanvragen > 1000;
select a.year, a.aanvragen, b.aanvragen from studenten a left join kennis_en_talent b on a.year = b.year and b.aanvragen > 1000;
select a.year, a.aanvragen, b.aanvragen from studenten a left join start_ups b on a.year = b.year and b.aanvragen > 1000;
select a.year, a.aanvragen, b.aanvragen from studenten a left join arbeidsmigranten b on a.year = b.year and b.aanvragen > 1000;
select a.year, a.aanvragen, b.aanvragen from studenten a left join brexit b on a.year = b.year and b.aanvragen > 1000;
select a.year, a.aanvragen, b.aanvragen from familie_en_gezin a left join kennis_en_talent b on a.year = b.year and b.aanvragen > 1000;
select a.year, a.aanvragen, b.aanvragen from familie_en_gezin a left join start_ups b on a.year = b.year and b.aanvragen > 1000;
select a.year, a.aanvragen, b.aanvragen from familie_en_gezin a left join arbeidsmigranten b on a.year = b.year and b.aanvragen > 1000;
select a.year, a.aanvragen, b.aanvragen from familie_en_gezin a left join brexit b on a.year = b.year and b.aanvragen > 1000;
select a.year, a.aanvragen, b.aanvragen from kennis_en_talent a left join start_ups b on a.year = b.year and b.aanvragen > 1000;
select a.year, b.year from studenten a right join familie_en_gezin b on a.year = b.year and a.aanvragen > b.aanvragen;
select a.year, b.year from studenten a right join kennis_en_talent b on a.year = b.year and a.aanvragen > b.aanvragen;
select a.year, b.year from studenten a right join start_ups b on a.year = b.year and a.aanvragen > b.aanvragen;
select a.year, b.year from studenten a right join arbeidsmigranten b on a.year = b.year and a.aanvragen > b.aanvragen;
select a.year, b.year from studenten a right join brexit b on a.year = b.year and a.aanvragen > b.aanvragen;
select a.year, b.year from familie_en_gezin a right join kennis_en_talent b on a.year = b.year and a.aanvragen > b.aanvragen;
select a.year, b.year, a.aanvragen, b.aanvragen from studenten a full outer join familie_en_gezin b on a.year = b.year and a.inwilligingen > b.inwilligingen;
select a.year, b.year, a.aanvragen, b.aanvragen from studenten a full outer join kennis_en_talent b on a.year = b.year and a.inwilligingen > b.inwilligingen;
select a.year, b.year, a.aanvragen, b.aanvragen from studenten a full outer join start_ups b on a.year = b.year and a.inwilligingen > b.inwilligingen;
select a.year, b.year, a.aanvragen, b.aanvragen from studenten a full outer join arbeidsmigranten b on a.year = b.year and a.inwilligingen > b.inwilligingen;
select a.year, b.year, a.aanvragen, b.aanvragen from studenten a full outer join brexit b on a.year = b.year and a.inwilligingen > b.inwilligingen;
select a.year, b.year, a.aanvragen, b.aanvragen from familie_en_gezin a full outer join kennis_en_talent b on a.year = b.year and a.inwilligingen > b.inwilligingen;
select s.year, b.aanvragen from studenten s left join brexit b on s.year = b.year order by s.year;
select s.year, b.aanvragen from studenten s left outer join brexit b on s.year = b.year where b.aanvragen is null;
select b.year, s.aanvragen from studenten s right join brexit b on s.year = b.year;
select b.year, s.aanvragen from studenten s right outer join brexit b on s.year = b.year where s.year is null;
select coalesce(s.year, b.year) as y, s.aanvragen, b.aanvragen from studenten s full join brexit b on s.year = b.year order by y;
select r.categorie, r.year, n.nationaliteit from regulier r left join nationaliteiten n on n.categorie = r.categorie and n.year = r.year and n.rang = 1 order by 1, 2;
select r.categorie, count(n.rang) from regulier r left join nationaliteiten n on n.categorie = r.categorie and n.year = r.year group by r.categorie order by 1;
select n.categorie, n.rang, r.aanvragen from regulier r right join nationaliteiten n on n.categorie = r.categorie and r.year = 2019 order by 1, 2;
select count(*), count(r.year), count(n.year) from regulier r full join nationaliteiten n on n.categorie = r.categorie and n.year = r.year;
select count(*) from studenten a left join studenten b on a.year = b.year + 10;
select count(*) from studenten a full join studenten b on a.year = b.year + 10;
select a.year, b.year from studenten a left join studenten b on a.year < b.year order by 1, 2;
select a.year, b.year from studenten a right join studenten b on a.year > b.year order by 1, 2;
select a.year, b.year from studenten a full join studenten b on a.year + b.year = 4040 order by 1, 2;
select a.year, b.year from studenten a left join brexit b on false order by 1;
select a.year, b.year from studenten a full join brexit b on false order by 1, 2;
select a.year, b.year from studenten a left join brexit b on true order by 1, 2;
select a.year, b.year from brexit a left join studenten b on a.year = b.year where b.year is null;
select r.categorie, j.ontvangen from regulier r left join juridische_zaken j on j.year = r.year and r.categorie = 'studenten' order by 1, 2;

-- section: joins: null keys never match
select a.year, b.year from brexit a join brexit b on a.year = b.year;
select count(*) from brexit a join brexit b on a.year = b.year;
select count(*) from brexit a left join brexit b on a.year = b.year;
select count(*) from brexit a full join brexit b on a.year = b.year;
select a.year, b.year from brexit a full join brexit b on a.year = b.year;
select a.range, b.range from range(5) a join (select case when range = 2 then null else range end as range from range(5)) b on a.range = b.range order by 1;
select a.x, b.x from (select null as x) a join (select null as x) b on a.x = b.x;
select a.x, b.x from (select null::integer as x) a left join (select null::integer as x) b on a.x = b.x;
select count(*) from (select case when mod(range, 3) = 0 then null else mod(range, 3) end as k from range(30)) a join (select case when mod(range, 2) = 0 then null else mod(range, 4) end as k from range(20)) b on a.k = b.k;
select count(*) from (select case when mod(range, 3) = 0 then null else mod(range, 3) end as k from range(30)) a full join (select case when mod(range, 2) = 0 then null else mod(range, 4) end as k from range(20)) b on a.k = b.k;
select a.k, count(b.k) from (select mod(range, 4) as k from range(8)) a left join (select nullif(mod(range, 4), 1) as k from range(8)) b on a.k = b.k group by a.k order by 1;

-- section: joins: keys of different types
select a.range, b.d from range(4) a join (select 2.0 as d union all select 3.5) b on a.range = b.d;
select a.range, b.d from range(4) a join (select 2.0 as d union all select 3.0) b on b.d = a.range order by 1;
select a.x, b.y from (select 'a' as x union all select 'b' union all select null) a join (select 'b' as y union all select 'a' union all select 'a') b on a.x = b.y order by 1;
select r.categorie, n.rang from regulier r join nationaliteiten n on r.categorie = n.categorie and r.aanvragen > n.rang * 1000 and r.year = n.year order by 1, 2;
select s.year, k.year from studenten s join kennis_en_talent k on s.inwilligingen = k.inwilligingen order by 1, 2;
select a.range, b.range from range(10) a join range(10) b on a.range * 2 = b.range + 1 order by 1;
select a.range, b.range from range(10) a join range(10) b on mod(a.range, 3) = mod(b.range, 5) and a.range < b.range order by 1, 2;
select count(*) from range(100) a join range(100) b on a.range // 10 = b.range // 10;
select count(*) from range(1000) a join range(1000) b on a.range = b.range;
select count(*) from range(1000) a join range(500, 1500) b on a.range = b.range;
select count(*), sum(a.range), sum(b.range) from range(2000) a left join range(1000, 3000, 3) b on a.range = b.range;
select count(*), count(a.range), count(b.range) from range(2000) a full join range(1000, 3000, 3) b on a.range = b.range;
select count(*) from range(300) a, range(300) b where a.range = b.range;
select count(*) from range(300) a, range(300) b where a.range + b.range = 299;

-- section: joins: cross joins and comma joins
select s.year, b.year from studenten s cross join brexit b;
select count(*) from regulier cross join nationaliteiten;
select s.year, b.year from studenten s, brexit b where s.year = b.year;
select s.year, k.year, b.year from studenten s, kennis_en_talent k, brexit b where s.year = k.year and k.year = b.year;
select * from range(3) a, range(2) b;
select * from range(3) a cross join range(2) b order by 2, 1;
select a.range * 10 + b.range from range(3) a, range(3) b order by 1 desc limit 4;
select count(*) from range(40) a, range(40) b, range(40) c;
select sum(a.range * b.range) from range(50) a cross join range(50) b;
select n.nationaliteit, s.year from nationaliteiten n, studenten s where n.categorie = 'studenten' and n.rang = 1;
select r.categorie, s.year from regulier r, studenten s where r.year = s.year and r.aanvragen = s.aanvragen;

-- section: joins: using
select * from studenten join brexit using (year);
select year, studenten.aanvragen, brexit.aanvragen from studenten join brexit using (year);
select * from studenten left join brexit using (year);
select * from brexit right join studenten using (year);
select * from studenten full join brexit using (year);
select year from studenten full join brexit using (year) order by 1;
select year, s.aanvragen from studenten s full join brexit b using (year) order by 1;
select * from regulier join nationaliteiten using (categorie, year);
select categorie, year, rang from regulier join nationaliteiten using (categorie, year) order by 1, 3;
select * from regulier r left join nationaliteiten n using (categorie, year) where rang = 1 or rang is null;
select count(*) from regulier full join nationaliteiten using (categorie, year);
select * from studenten a join kennis_en_talent b using (year) join start_ups c using (year);
select year, a.aanvragen + b.aanvragen + c.aanvragen from studenten a join kennis_en_talent b using (year) join start_ups c using (year) order by 1;
select range from range(5) a join range(3, 8) b using (range);
select * from range(5) a full join range(3, 8) b using (range) order by 1;
select * exclude (inwilligingen) from studenten join brexit using (year);
select * from regulier r right join studenten s using (year);
select * from regulier r left join brexit b using (year);
select * from regulier r full join brexit b using (year) where r.categorie = 'studenten' or r.categorie is null;
select * from nationaliteiten n join regulier r using (categorie) where n.rang = 1 and r.year = 2021;
select * from nationaliteiten n full join regulier r using (categorie, year) where n.rang = 2 or n.rang is null;
select * exclude (year) from regulier r right join brexit b using (year);
select * replace (year + 1 as year) from regulier r full join brexit b using (year) where r.year = 2020 or r.year is null;
select * from (select 1 as a, 10 as k) l right join (select 10 as k, 3 as c union all select 12, 4) r using (k);
select * from (select 1 as a, 10 as k, 2 as b) l full join (select 10 as k, 3 as c union all select 12, 4) r using (k);
select * from regulier a join studenten b using (year) right join brexit c using (year) where a.categorie = 'start_ups';

-- section: joins: aliases and qualified names
select s.year from studenten s;
select s.year, s.aanvragen from studenten as s where s.year > 2019;
select studenten.year from studenten;
select s.* from studenten s;
select s.* exclude (year) from studenten s;
select x.* from regulier x where x.categorie = 'studenten';
select t.a, t.b from studenten t(a, b);
select a from studenten as t(a) order by a;
select r.categorie, count(*) from regulier r group by r.categorie order by r.categorie;
select r.categorie, count(*) from regulier r group by categorie order by 1;
select categorie, sum(r.aanvragen) from regulier r group by r.categorie order by 1;
select r.year, avg(r.inwilligingen) from regulier r group by r.year order by r.year;
select s.year, s.aanvragen from studenten s order by s.aanvragen desc;
select s.year as y from studenten s where s.year = 2020;
select max(s.aanvragen) from studenten s;
select upper(r.categorie) from regulier r where r.year = 2021 order by 1;
select s.year, row_number() over (order by s.aanvragen) from studenten s order by 1;
select distinct r.year from regulier r order by 1;
select "s".year from studenten "s";

-- section: derived tables
select * from (select year, aanvragen from studenten) t;
select * from (select year, aanvragen from studenten) as t where t.aanvragen > 15000;
select t.year from (select year from studenten where year > 2019) t order by 1;
select year from (select * from studenten);
select count(*) from (select * from regulier where inwilligingen > 80%);
select avg(n) from (select count(*) as n from regulier group by categorie) t;
select categorie, totaal from (select categorie, sum(aanvragen) as totaal from regulier group by categorie) t where totaal > 50000 order by 2 desc;
select max(groei) from (select aanvragen - lag(aanvragen) over (partition by categorie order by year) as groei from regulier) x;
select * from (select year, aanvragen from studenten order by aanvragen desc limit 2) t order by year;
select t.k, count(*) from (select mod(range, 3) as k from range(10)) t group by t.k order by 1;
select * from (select 1 as a, 2 as b) t;
select a + b from (select 1 as a, 2 as b) t;
select * from (select * from (select year, aanvragen from studenten) a where year > 2019) b;
select y from (select year as y from studenten union all select year from brexit) t order by y;
select count(distinct y) from (select year as y from studenten union select year from kennis_en_talent) t;
select t.year, t.a, b.aanvragen from (select year, aanvragen as a from studenten) t join brexit b on b.year = t.year;
select * from (select year, aanvragen from studenten) s join (select year, aanvragen from brexit) b on s.year = b.year;
select x, y from (select range as x from range(3)) a, (select range as y from range(2)) b order by x, y;
select * from (select categorie, max(aanvragen) as m from regulier group by categorie) t join regulier r on r.categorie = t.categorie and r.aanvragen = t.m order by 1;
select a.c, a.n, b.n from (select categorie as c, count(*) as n from regulier group by categorie) a left join (select categorie as c, count(*) as n from nationaliteiten group by categorie) b on a.c = b.c order by 1;
select * from (select year, inwilligingen from studenten) t(j, p) where j > 2019;
select j from (select year, inwilligingen from studenten) t(j) order by j;
select sum(x) from (select range as x from range(100000)) t where mod(x, 7) = 0;
select count(*) from (select distinct categorie from regulier) t;
select * from (select nationaliteit, count(*) as n from nationaliteiten group by nationaliteit) t where n > 1 order by 1;

-- section: with: common table expressions
with s as (select year, aanvragen from studenten) select * from s;
with s as (select year, aanvragen from studenten) select * from s where aanvragen > 15000;
with s as (select year, aanvragen from studenten), b as (select year, aanvragen from brexit) select s.year, s.aanvragen, b.aanvragen from s join b on s.year = b.year;
with a as (select year from studenten), b as (select year from a where year > 2019) select * from b;
with a as (select year from studenten), b as (select year from a where year > 2019), c as (select count(*) as n from b) select * from c;
with t as (select categorie, sum(aanvragen) as totaal from regulier group by categorie) select * from t order by totaal desc;
with t as (select categorie, sum(aanvragen) as totaal from regulier group by categorie) select max(totaal), min(totaal) from t;
with t as (select range as x from range(10)) select a.x, b.x from t a join t b on a.x = b.x + 5 order by 1;
with t as (select range as x from range(10)) select count(*) from t a, t b where a.x < b.x;
with t(a, b) as (select year, aanvragen from studenten) select a, b from t order by a;
with t(a) as (select year, aanvragen from studenten) select a, aanvragen from t order by a;
with top as (select categorie, nationaliteit from nationaliteiten where rang = 1) select r.categorie, r.aanvragen, top.nationaliteit from regulier r join top on top.categorie = r.categorie where r.year = 2021 order by 1;
with x as (select 1 as a) select * from x, x as y;
with x as (select year from studenten) select * from x union all select * from x;
with x as (select year from studenten) select year from x where year in (select year from x where year > 2019);
with x as (select year from studenten) select (select max(year) from x) as m;
with x as (select year, aanvragen from studenten) select * from (select * from x where year > 2019) t;
with studenten as (select 1 as year) select * from studenten;
with g as (select year, sum(aanvragen) as n from regulier group by year) select year, n - lag(n) over (order by year) from g order by year;
with a as (select range as x from range(5)), b as (select x * 2 as y from a) select x, y from a left join b on a.x = b.y order by x;
with a as (select range as x from range(5)) select * from a where exists (select 1 from a b where b.x = a.x + 1) order by 1;
with r as (select * from regulier where year = 2021) select categorie, aanvragen from r order by aanvragen desc limit 3;
with q as (select year, aanvragen from brexit) select count(*), count(year) from q;
select * from (with t as (select 2 as v) select v from t) s;
select (with t as (select 3 as v) select v from t);
select year from studenten where year in (with t as (select 2020 as y) select y from t);

-- section: correlated subqueries
select year, (select max(aanvragen) from regulier r where r.year = s.year) from studenten s;
select categorie, year, aanvragen from regulier r where aanvragen = (select max(aanvragen) from regulier r2 where r2.categorie = r.categorie) order by 1;
select categorie, year from regulier r where aanvragen > (select avg(aanvragen) from regulier r2 where r2.year = r.year) order by 1, 2;
select s.year, (select count(*) from regulier r where r.year = s.year and r.aanvragen > s.aanvragen) from studenten s order by 1;
select n.categorie, n.nationaliteit, (select r.aanvragen from regulier r where r.categorie = n.categorie and r.year = n.year) from nationaliteiten n order by 1, 2;
select year from studenten s where aanvragen > (select aanvragen from brexit b where b.year = s.year);
select year from studenten s where aanvragen < (select aanvragen from brexit b where b.year = s.year);
select year, (select aanvragen from brexit b where b.year = s.year) from studenten s order by 1;
select year from studenten s where year in (select year from brexit b where b.aanvragen > s.aanvragen);
select year from studenten s where year not in (select year from brexit b where b.aanvragen > s.aanvragen) order by 1;
select r.categorie, r.year from regulier r where r.year = (select max(year) from regulier r2 where r2.categorie = r.categorie and r2.inwilligingen > 80%) order by 1;
select range, (select count(*) from range(10) b where b.range < a.range) from range(5) a order by 1;
select range, (select sum(b.range) from range(10) b where b.range <= a.range) from range(6) a order by 1;
select a.range from range(10) a where (select count(*) from range(10) b where mod(b.range, 3) = mod(a.range, 3)) > 3 order by 1;
select categorie, (select string_agg(nationaliteit, ', ') from (select nationaliteit from nationaliteiten n where n.categorie = r.categorie order by rang) t) from regulier r where year = 2021 order by 1;
select year, aanvragen, (select max(year) from studenten s2 where s2.aanvragen < s.aanvragen) from studenten s order by 1;
select year from studenten s where (select count(*) from regulier r where r.year = s.year and r.inwilligingen > s.inwilligingen) = 0;
select r.categorie, r.year, (select n.nationaliteit from nationaliteiten n where n.categorie = r.categorie and n.year = r.year and n.rang = 1) as top from regulier r order by 1, 2;
select categorie from regulier r where year = 2021 and aanvragen > (select sum(aanvragen) / 10 from regulier r2 where r2.year = r.year) order by 1;
select x.range, (select y.range from range(3) y where y.range = x.range) from range(5) x order by 1;
select year, (select min(b.year) from brexit b where b.year > s.year) from studenten s order by 1;
select a.range from range(6) a where a.range > (select min(b.range) from range(6) b where b.range * 2 > a.range) order by 1;
select year, (select count(*) from (select * from regulier r where r.year = s.year) t) from studenten s order by 1;

-- section: exists and not exists
select year from studenten s where exists (select 1 from brexit b where b.year = s.year);
select year from studenten s where not exists (select 1 from brexit b where b.year = s.year);
select categorie from regulier r where year = 2021 and exists (select * from nationaliteiten n where n.categorie = r.categorie and n.nationaliteit = 'Indiase') order by 1;
select categorie from regulier r where year = 2021 and not exists (select * from nationaliteiten n where n.categorie = r.categorie and n.nationaliteit = 'Indiase') order by 1;
select exists (select 1 from studenten where year = 2021);
select exists (select 1 from studenten where year = 2030);
select not exists (select 1 from studenten where year = 2030);
select year, exists (select 1 from brexit b where b.year = s.year) from studenten s order by 1;
select count(*) from regulier r where exists (select 1 from regulier r2 where r2.categorie = r.categorie and r2.year = r.year + 1);
select a.range from range(10) a where exists (select 1 from range(10) b where b.range * b.range = a.range) order by 1;
select a.range from range(10) a where not exists (select 1 from range(2, 10) b where b.range < a.range and mod(a.range, b.range) = 0) and a.range > 1 order by 1;
select year from studenten where exists (select 1) order by 1;
select year from studenten where not exists (select 1 where false) order by 1;
select year from studenten s where exists (select 1 from brexit b where b.year = s.year and b.aanvragen > s.aanvragen) or year = 2019 order by 1;
select n.nationaliteit from nationaliteiten n where exists (select 1 from nationaliteiten m where m.nationaliteit = n.nationaliteit and m.categorie <> n.categorie) order by 1;
select distinct n.nationaliteit from nationaliteiten n where not exists (select 1 from nationaliteiten m where m.nationaliteit = n.nationaliteit and m.categorie <> n.categorie) order by 1;
select count(*) from range(200) a where exists (select 1 from range(200) b where b.range = a.range * 3);
select year from studenten s where exists (select year from brexit b where b.year = s.year group by year having count(*) > 0);

-- section: joins combined with other clauses
select s.year, s.aanvragen + b.aanvragen as samen from studenten s join brexit b on s.year = b.year order by samen desc limit 1;
select r.year, sum(r.aanvragen), count(distinct n.nationaliteit) from regulier r left join nationaliteiten n on n.categorie = r.categorie and n.year = r.year group by r.year order by 1;
select r.categorie, n.nationaliteit from regulier r join nationaliteiten n on n.categorie = r.categorie and n.year = r.year where n.rang = 1 union all select categorie, 'geen' from regulier where year = 2019 order by 1, 2;
select distinct n.nationaliteit from regulier r join nationaliteiten n on n.categorie = r.categorie order by 1;
select r.categorie, n.rang, rank() over (partition by r.categorie order by n.rang desc) from regulier r join nationaliteiten n on n.categorie = r.categorie and n.year = r.year order by 1, 2;
select r.categorie, r.aanvragen from regulier r join nationaliteiten n on n.categorie = r.categorie and n.year = r.year group by r.categorie, r.aanvragen having count(*) = 3 order by 1;
select s.year from studenten s join brexit b on s.year = b.year qualify row_number() over (order by s.aanvragen desc) = 1;
select s.year, b.year from studenten s join brexit b on s.year = b.year order by s.year desc limit 1 offset 1;
select case when b.year is null then 'geen brexit' else 'brexit' end as soort, count(*) from studenten s left join brexit b on b.year = s.year group by soort order by 1;
select s.year from studenten s join brexit b on s.year = b.year where s.year in (select year from kennis_en_talent) order by 1;
select * from studenten s join (select year, aanvragen as b from brexit) t on t.year = s.year join kennis_en_talent k on k.year = s.year;
select s.year, k.aanvragen from studenten s left join (kennis_en_talent k join start_ups u on k.year = u.year) on k.year = s.year order by 1;
select count(*) from studenten b, studenten t join studenten d on (t.year = d.year or d.aanvragen > t.aanvragen);
select b.year, t.year, d.year from brexit b cross join (studenten t left join studenten d on (t.year = d.year or d.aanvragen > t.aanvragen)) order by 1, 2, 3;
select count(*) from regulier r, studenten t full join brexit d on (t.year = d.year or d.inwilligingen < t.inwilligingen) and t.year > 2019;
select count(*) from studenten s join brexit b on s.year = b.year join kennis_en_talent k on k.year = b.year join start_ups u on u.year = k.year;
select s.year, b.year, k.year from studenten s left join brexit b on b.year = s.year left join kennis_en_talent k on k.year = b.year order by 1;
select s.year, b.year from studenten s full join brexit b on b.year = s.year and s.year > 2020 order by 1, 2;
select r.categorie, r.year, r.aanvragen, n.nationaliteit from regulier r left join nationaliteiten n on n.categorie = r.categorie and n.year = r.year and n.rang = 1 where r.year = 2021 order by r.aanvragen desc;

-- section: must fail: joins and query forms
-- fails
select year from studenten s join brexit b on s.year = b.year;
-- fails
select * from studenten join studenten on true;
-- fails
select x.year from studenten s;
-- fails
select s.nope from studenten s;
-- fails
select * from studenten s join brexit b;
-- fails
select * from studenten s join brexit b using (nope);
-- fails
select * from studenten s join brexit b on s.year = b.nope;
-- fails
select studenten.year from studenten s;
select * from (select 1 as a, 2 as a) t where a = 1;
select a_1 from (select 1 as a, 2 as a) t;
-- fails
with t as (select 1 as a) select * from t, t;
-- fails
with t as (select * from t) select * from t;
-- fails
select * from (select 1) t(a, b);
-- fails
select (select year from studenten s2 where s2.year > s.year) from studenten s;
-- fails
select * from studenten s join brexit b on count(*) > 1;
-- fails
select year from studenten s where exists (select nope from brexit);
-- fails
select s.year from studenten s group by year having exists (select 1 from brexit b where b.aanvragen = s.aanvragen);
