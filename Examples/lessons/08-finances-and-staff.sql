-- Lesson 8: money and people (financien, personeel)
--
-- financien is the statement "Omschrijving realisatie 2022" (the actual results of 2022) from the 2022 report.
-- Its heading says "Bedragen * € 1.000": every amount is in thousands of euros, so 578.422 is € 578.422.000,
-- about 578,4 million euros.
--   baten                       income;
--   lasten                      expenses: Personele kosten (staff) plus Materiële kosten (everything else);
--   saldo van baten en lasten   income minus expenses; negative is a deficit;
--   Kosten Oekraïne             the costs of the IND's work for refugees from Ukraine;
--   Betaalde dwangsommen        penalty payments: money the IND must pay an applicant when it decides too late.
-- The last two are part of the material costs.
select post, bedrag from financien;
-- expect:
-- ┌───────────────────────────┬────────┐
-- │ post                      │ bedrag │
-- ├───────────────────────────┼────────┤
-- │ Totaal baten              │ 578422 │
-- │ Personele kosten          │ 427973 │
-- │ Materiële kosten          │ 176735 │
-- │ Totaal Lasten             │ 604709 │
-- │ Saldo van baten en lasten │ -26287 │
-- │ Kosten Oekraïne 2022      │   6114 │
-- │ Betaalde dwangsommen 2022 │   3409 │
-- └───────────────────────────┴────────┘
-- 7 rows

-- In millions of euros: divide by 1000.0 and round. The running text gives the same totals in millions,
-- "€ 578,4 miljoen" and "€ 604,7 miljoen" (kerncijfers).
select post, round(bedrag / 1000.0, 1) as miljoen_euro from financien;
-- expect:
-- ┌───────────────────────────┬──────────────┐
-- │ post                      │ miljoen_euro │
-- ├───────────────────────────┼──────────────┤
-- │ Totaal baten              │        578.4 │
-- │ Personele kosten          │        428.0 │
-- │ Materiële kosten          │        176.7 │
-- │ Totaal Lasten             │        604.7 │
-- │ Saldo van baten en lasten │        -26.3 │
-- │ Kosten Oekraïne 2022      │          6.1 │
-- │ Betaalde dwangsommen 2022 │          3.4 │
-- └───────────────────────────┴──────────────┘
-- 7 rows

-- A subquery in parentheses is a value: the deficit worked out from the totals equals the printed saldo,
-- -26.287 thousand euros.
select (select bedrag from financien where post = 'Totaal baten') -
       (select bedrag from financien where post = 'Totaal Lasten') as saldo;
-- expect:
-- ┌────────┐
-- │  saldo │
-- ├────────┤
-- │ -26287 │
-- └────────┘
-- 1 row

-- personeel counts staff in fte (full-time equivalents: one fte is one full-time job). ambtelijke bezetting is the
-- staff employed by the IND as civil servants; externe inhuur is staff hired from outside. Both are levels: the
-- staffing at the end of 2022, in the column fte. "stijging totale bezetting" is not a head count but the growth of
-- the total during 2022, a change; it stands in its own column, groei_fte, so that no sum adds it to the levels.
select post, fte, groei_fte from personeel;
-- expect:
-- ┌───────────────────────────┬──────┬───────────┐
-- │ post                      │  fte │ groei_fte │
-- ├───────────────────────────┼──────┼───────────┤
-- │ ambtelijke bezetting      │ 4558 │      NULL │
-- │ externe inhuur            │  835 │      NULL │
-- │ stijging totale bezetting │ NULL │       426 │
-- └───────────────────────────┴──────┴───────────┘
-- 3 rows

-- case chooses a value per row: label each row as a stand (a level at year end) or a change.
select post, case when groei_fte is not null then 'groei in 2022' else 'stand eind 2022' end as soort
from personeel;
-- expect:
-- ┌───────────────────────────┬─────────────────┐
-- │ post                      │ soort           │
-- ├───────────────────────────┼─────────────────┤
-- │ ambtelijke bezetting      │ stand eind 2022 │
-- │ externe inhuur            │ stand eind 2022 │
-- │ stijging totale bezetting │ groei in 2022   │
-- └───────────────────────────┴─────────────────┘
-- 3 rows

-- Exercises.

-- Exercise 8.1: What share of the total expenses (Totaal Lasten) were personnel costs, in percent with one
-- decimal?
-- Hint: A subquery in parentheses, (select bedrag from financien where post = '…'), is one amount. Write each
-- post as printed: 'Personele kosten', 'Totaal Lasten'.
-- Hint: Divide the personnel costs by the total expenses, multiply by 100.0 to get percent, and round with
-- round(…, 1).
-- Mistake: select round((select bedrag from financien where post = 'Personele kosten')
-- / (select bedrag from financien where post = 'Totaal Lasten'), 1) as personeel_pct;
-- Tip: Part divided by total is a fraction, below 1; percent is 100 times it. Multiply by 100.0 before rounding
-- (times 100% leaves a number as it is: 100% is 1).
-- Mistake: select round(((select bedrag from financien where post = 'Personele kosten')
-- / (select bedrag from financien where post = 'Totaal Lasten'))::percentage, 1) as personeel_pct;
-- Tip: That is the right share, but as a percentage value; this exercise asks for the plain number of percent:
-- round(100.0 * part / total, 1). A percentage and a plain number are not compared as equal.
select round(100.0 * (select bedrag from financien where post = 'Personele kosten')
             / (select bedrag from financien where post = 'Totaal Lasten'), 1) as personeel_pct;
-- expect:
-- ┌───────────────┐
-- │ personeel_pct │
-- ├───────────────┤
-- │          70.8 │
-- └───────────────┘
-- 1 row

-- Exercise 8.2: What was the total staffing (civil servants plus external hires) at the end of 2022, and what
-- share of it was hired from outside?
-- (fte holds only levels, so its sum is the total staffing; the growth in groei_fte stays out of it.)
-- Hint: The total is sum(fte) of personeel; the external part is sum(fte) filter (where post = 'externe
-- inhuur').
-- Hint: The share is 100.0 times the external part divided by the total, rounded with round(…, 1); put the total and
-- the share in one select.
-- Mistake: select sum(fte) as totaal,
-- round(100.0 * sum(fte) filter (where post = 'externe inhuur')
-- / sum(fte) filter (where post = 'ambtelijke bezetting'), 1) as extern_pct
-- from personeel;
-- Tip: That divides by the civil servants alone. A share of the total staffing divides by the sum of both rows,
-- sum(fte).
-- Mistake: select sum(fte) as totaal,
-- round(sum(fte) filter (where post = 'externe inhuur') / sum(fte), 1) as extern_pct
-- from personeel;
-- Tip: Part divided by total is a fraction, below 1; multiply by 100.0 before rounding to get percent with one
-- decimal.
select sum(fte) as totaal,
       round(100.0 * sum(fte) filter (where post = 'externe inhuur') / sum(fte), 1) as extern_pct
from personeel;
-- expect:
-- ┌────────┬────────────┐
-- │ totaal │ extern_pct │
-- ├────────┼────────────┤
-- │   5393 │       15.5 │
-- └────────┴────────────┘
-- 1 row

-- Exercise 8.3: Check the statement: do Personele kosten and Materiële kosten add up to Totaal Lasten? (Not to
-- the last digit: 427.973 + 176.735 is 604.708, one thousand euros less than the printed 604.709. Each amount is
-- rounded to whole thousands, so a printed total can differ by one from the sum of its printed parts.)
-- Hint: Both numbers come from financien, side by side in one row: each is sum(bedrag) with its own
-- filter (where post …).
-- Hint: Write the posts exactly as printed, with the ë of 'Materiële kosten'; select post from financien shows
-- them.
-- Mistake: select sum(bedrag) filter (where post in ('Personele kosten', 'Materiele kosten')) as opgeteld,
-- sum(bedrag) filter (where post = 'Totaal Lasten') as totaal_lasten
-- from financien;
-- Tip: 'Materiele kosten' without the ë matches no row, so only the personnel costs were added up. Write
-- 'Materiële kosten' as printed.
-- Mistake: select sum(bedrag) from financien where post in ('Personele kosten', 'Materiële kosten');
-- Tip: That is the sum of the two cost posts alone. Put Totaal Lasten beside it in the same row: each its own
-- sum(bedrag) filter (where post …).
select sum(bedrag) filter (where post in ('Personele kosten', 'Materiële kosten')) as opgeteld,
       sum(bedrag) filter (where post = 'Totaal Lasten') as totaal_lasten
from financien;
-- expect:
-- ┌──────────┬───────────────┐
-- │ opgeteld │ totaal_lasten │
-- ├──────────┼───────────────┤
-- │   604708 │        604709 │
-- └──────────┴───────────────┘
-- 1 row
