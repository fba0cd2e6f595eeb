-- Lesson 7: figures from the running text (kerncijfers)
--
-- Not every figure stands in a table. kerncijfers ("key figures") holds every other figure from the running text
-- of both reports, one row each: onderwerp (subject) says what it counts, waarde is the figure as printed,
-- eenheid its unit (aantal = a count, procent, miljoen euro, fte, weken = weeks, maanden = months, jaar = years,
-- meter, derde = thirds), and year the year the figure is about, which is not always the year of the report. At the
-- prompt, `source kerncijfers` shows each figure's sentence and line. A figure that the report prints twice is one
-- row with both places as its source, so that a sum counts it once.

-- How many figures of each unit?
select eenheid, count(*) as cijfers from kerncijfers group by eenheid order by cijfers desc, eenheid;
-- expect:
-- ┌──────────────┬─────────┐
-- │ eenheid      │ cijfers │
-- ├──────────────┼─────────┤
-- │ aantal       │      20 │
-- │ maanden      │       4 │
-- │ miljoen euro │       4 │
-- │ procent      │       4 │
-- │ jaar         │       2 │
-- │ derde        │       1 │
-- │ meter        │       1 │
-- │ weken        │       1 │
-- └──────────────┴─────────┘
-- 8 rows

-- Some figures are written in words: "vijf jaar", "een jaar langer", "een derde". waarde holds the number they
-- state, and `source select …` shows the words beside it. "Een derde" is waarde 1 in the unit derde: exactly one
-- third, which a rounded percentage such as 33% would not be.
select onderwerp, waarde, eenheid from kerncijfers where eenheid in ('jaar', 'derde') order by year, onderwerp;
-- expect:
-- ┌────────────────────────────────────────────────────────────────────────────────────────────┬────────┬─────────┐
-- │ onderwerp                                                                                  │ waarde │ eenheid │
-- ├────────────────────────────────────────────────────────────────────────────────────────────┼────────┼─────────┤
-- │ jaren legaal verblijf in nederland waarna iemand om naturalisatie kan verzoeken            │      5 │ jaar    │
-- │ deel van de aanvragen voor nareizigers waarop buiten de wettelijke termijn wordt beslist   │      1 │ derde   │
-- │ langer verblijf in nederland voor vluchtelingen uit oekraïne door de verlenging van de rtb │      1 │ jaar    │
-- └────────────────────────────────────────────────────────────────────────────────────────────┴────────┴─────────┘
-- 3 rows

-- Some figures are approximate: the text says bijna (almost: a little below), ruim (over: a little above) or
-- circa (about). kwalificatie keeps that word; it is empty (NULL) for an exact figure. "Bijna 20.000 eerste
-- asielaanvragen" is a little under 20.000 first asylum applications, not 20.000. When you quote such a figure,
-- keep the word.
select year, onderwerp, kwalificatie from kerncijfers where kwalificatie is not null order by year, onderwerp;
-- expect:
-- ┌──────┬──────────────────────────────────────────────────────────────┬──────────────┐
-- │ year │ onderwerp                                                    │ kwalificatie │
-- ├──────┼──────────────────────────────────────────────────────────────┼──────────────┤
-- │ 2021 │ aandeel van de asielinstroom in de tweede helft van het jaar │ ruim         │
-- │ 2021 │ eerste asielaanvragen afgehandeld                            │ bijna        │
-- │ 2021 │ meldingen van mogelijke fraude of misbruik                   │ circa        │
-- │ 2021 │ nareisaanvragen afgehandeld                                  │ ruim         │
-- │ 2022 │ medewerkers die meededen aan de cultuurscan                  │ ruim         │
-- └──────┴──────────────────────────────────────────────────────────────┴──────────────┘
-- 5 rows

-- What is computed from an approximate figure is approximate too. The asylum applications the IND settled in
-- 2021: bijna 20.000 first ones, 1.300 repeated ones and 2.000 Dublin cases. Their sum is marked ~, like the
-- figure it contains.
select sum(waarde) as afgehandeld from kerncijfers where year = 2021 and onderwerp like '%asielaanvragen af%';
-- expect:
-- ┌─────────────┐
-- │ afgehandeld │
-- ├─────────────┤
-- │      ~23300 │
-- └─────────────┘
-- 1 row
-- ~ approximate: computed from figures the report gives as approximate

-- like matches a pattern: % is any text. The statutory decision periods (wettelijke beslistermijn: the time the
-- law gives the IND to decide) mentioned in the 2022 report.
select onderwerp, waarde, eenheid from kerncijfers where onderwerp like '%beslistermijn%' order by onderwerp;
-- expect:
-- ┌──────────────────────────────────────────────────────────────────┬────────┬─────────┐
-- │ onderwerp                                                        │ waarde │ eenheid │
-- ├──────────────────────────────────────────────────────────────────┼────────┼─────────┤
-- │ maximale wettelijke beslistermijn asielaanvraag na de verlenging │     15 │ maanden │
-- │ wettelijke beslistermijn asielaanvraag voor de verlenging        │      6 │ maanden │
-- │ wettelijke beslistermijn nareis                                  │      6 │ maanden │
-- │ wettelijke beslistermijn start-upregeling                        │     13 │ weken   │
-- └──────────────────────────────────────────────────────────────────┴────────┴─────────┘
-- 4 rows

-- The 2191 asylum applications of unaccompanied minors (amv) are printed in the 2022 report, but are about
-- 2021: year is 2021. The report calls it a doubling compared with the year before.
-- In September 2022 the cabinet extended the statutory decision period for asylum from 6 to at most 15 months:
-- the asylum inflow stayed high, and new rules made decisions take longer. Over the whole of 2022 the IND
-- received 48.000 asylum applications.
select year, onderwerp, waarde from kerncijfers where onderwerp like 'asielaanvragen%' order by year;
-- expect:
-- ┌──────┬───────────────────────────────────────────────────────────────────────────────────────────────────────────┬────────┐
-- │ year │ onderwerp                                                                                                 │ waarde │
-- ├──────┼───────────────────────────────────────────────────────────────────────────────────────────────────────────┼────────┤
-- │ 2021 │ asielaanvragen afgehandeld van asielzoekers die niet binnen de dublintermijnen konden worden overgedragen │   2000 │
-- │ 2021 │ asielaanvragen van alleenstaande minderjarigen (amv)                                                      │   2191 │
-- │ 2022 │ asielaanvragen ontvangen                                                                                  │  48000 │
-- └──────┴───────────────────────────────────────────────────────────────────────────────────────────────────────────┴────────┘
-- 3 rows

-- The 2.000 asylum applications are from people who, because of the corona travel restrictions, could not be
-- transferred in time to the EU country responsible under the Dublin Regulation (dublinverordening: EU rules on
-- which country handles an asylum application), so the Netherlands handled them.

-- The note under the family table, "Nareis 8 EVRM bij AMV": family members joining an unaccompanied minor (amv)
-- under article 8 EVRM. Its grant rate, 44%, is far below that of the family category as a whole (82%).
select onderwerp, waarde from kerncijfers where onderwerp like '%nareis 8 evrm%';
-- expect:
-- ┌─────────────────────────────────────┬────────┐
-- │ onderwerp                           │ waarde │
-- ├─────────────────────────────────────┼────────┤
-- │ aanvragen nareis 8 evrm bij amv     │   4900 │
-- │ beslissingen nareis 8 evrm bij amv  │   3790 │
-- │ inwilligingen nareis 8 evrm bij amv │    44% │
-- └─────────────────────────────────────┴────────┘
-- 3 rows

-- Exercises.

-- Exercise 7.1: List the figures measured in months (maanden) or weeks (weken): subject, value and unit, by unit
-- and then by subject.
-- Hint: The unit is in eenheid, written in Dutch and in lower case: 'maanden' and 'weken'.
-- Hint: in (…) tests against a list: where eenheid in ('maanden', 'weken'). Show onderwerp, waarde and eenheid, and
-- order by eenheid, then onderwerp.
-- Mistake: select onderwerp, waarde, eenheid from kerncijfers where eenheid = 'maanden' and eenheid = 'weken'
-- order by eenheid, onderwerp;
-- Tip: No rows: a figure has one unit, so eenheid = 'maanden' and eenheid = 'weken' is never true. Use or, or
-- eenheid in ('maanden', 'weken'). The units are Dutch words: maanden, not months.
-- Mistake: select onderwerp, waarde, eenheid from kerncijfers where eenheid = 'maanden' order by eenheid, onderwerp;
-- Tip: Those are the figures in months only; the weeks (weken) belong in the list too.
select onderwerp, waarde, eenheid from kerncijfers where eenheid in ('maanden', 'weken') order by eenheid, onderwerp;
-- expect:
-- ┌──────────────────────────────────────────────────────────────────┬────────┬─────────┐
-- │ onderwerp                                                        │ waarde │ eenheid │
-- ├──────────────────────────────────────────────────────────────────┼────────┼─────────┤
-- │ maximale wettelijke beslistermijn asielaanvraag na de verlenging │     15 │ maanden │
-- │ verlenging van de aanvraagperiode voor britten (grace period)    │      3 │ maanden │
-- │ wettelijke beslistermijn asielaanvraag voor de verlenging        │      6 │ maanden │
-- │ wettelijke beslistermijn nareis                                  │      6 │ maanden │
-- │ wettelijke beslistermijn start-upregeling                        │     13 │ weken   │
-- └──────────────────────────────────────────────────────────────────┴────────┴─────────┘
-- 5 rows

-- Exercise 7.2: How many approximate figures does kerncijfers hold for each of the words bijna, ruim and circa?
-- Sort by the word.
-- Hint: The word is in kwalificatie; an exact figure has NULL there.
-- Hint: Leave out the exact figures with where kwalificatie is not null, then count(*) per word with group by
-- kwalificatie, and order by kwalificatie.
-- Mistake: select kwalificatie, count(*) as cijfers from kerncijfers group by kwalificatie order by kwalificatie;
-- Tip: The exact figures, without a qualifier, form a group of their own: kwalificatie NULL. Leave them out with
-- where kwalificatie is not null.
-- Mistake: select kwalificatie, count(*) as cijfers from kerncijfers where kwalificatie != null
-- group by kwalificatie order by kwalificatie;
-- Tip: A comparison with NULL is never true, so != null keeps no row at all. Test for NULL with is not null.
select kwalificatie, count(*) as cijfers
from kerncijfers
where kwalificatie is not null
group by kwalificatie
order by kwalificatie;
-- expect:
-- ┌──────────────┬─────────┐
-- │ kwalificatie │ cijfers │
-- ├──────────────┼─────────┤
-- │ bijna        │       1 │
-- │ circa        │       1 │
-- │ ruim         │       3 │
-- └──────────────┴─────────┘
-- 3 rows

-- Exercise 7.3: Show every 2022 figure about the IND's service desks (loketten): the subjects contain 'loket'.
-- Use coalesce to write 'exact' where there is no qualifier. Sort by subject.
-- Hint: like '%loket%' finds the subjects with loket anywhere in them; combine it with year = 2022.
-- Hint: coalesce(a, b) is a, or b where a is NULL: coalesce(kwalificatie, 'exact'). Order by onderwerp.
-- Mistake: select onderwerp, waarde, kwalificatie from kerncijfers where year = 2022 and onderwerp like '%loket%'
-- order by onderwerp;
-- Tip: Where there is no qualifier, kwalificatie is NULL; coalesce(kwalificatie, 'exact') writes 'exact' in its
-- place.
-- Mistake: select onderwerp, waarde, coalesce(kwalificatie, 'exact') as kwalificatie from kerncijfers
-- where onderwerp like '%loket%' order by onderwerp;
-- Tip: Without year = 2022 you also get figures of 2021 whose subjects mention loketten. Keep only the 2022 ones.
select onderwerp, waarde, coalesce(kwalificatie, 'exact') as kwalificatie
from kerncijfers
where year = 2022 and onderwerp like '%loket%'
order by onderwerp;
-- expect:
-- ┌──────────────────────────────────────────────┬────────┬──────────────┐
-- │ onderwerp                                    │ waarde │ kwalificatie │
-- ├──────────────────────────────────────────────┼────────┼──────────────┤
-- │ ind-loketten na de samenvoeging              │      4 │ exact        │
-- │ ind-loketten voor de samenvoeging (voorheen) │      6 │ exact        │
-- └──────────────────────────────────────────────┴────────┴──────────────┘
-- 2 rows
