-- The questions the reports raise, answered with aggregates, window functions and subqueries.

-- How much did applications grow from 2020 to 2021, per category? lag() reads the previous year.
select categorie, year, aanvragen,
       aanvragen - lag(aanvragen) over (partition by categorie order by year) as groei,
       round(100.0 * (aanvragen - lag(aanvragen) over (partition by categorie order by year))
             / lag(aanvragen) over (partition by categorie order by year), 1) as groei_pct
from regulier
where year >= 2020
order by categorie, year;

-- And all regular categories together, year by year.
select year, sum(aanvragen) as aanvragen, sum(beslissingen) as beslissingen
from regulier
group by year
order by year;

-- Which category had the highest grant rate in 2021?
select categorie, inwilligingen
from regulier
where year = 2021 and inwilligingen = (select max(inwilligingen) from regulier where year = 2021);

-- What share of the 2021 applications came from students?
select round(100.0 * sum(aanvragen) filter (where categorie = 'studenten') / sum(aanvragen), 1) as aandeel_studenten_pct
from regulier
where year = 2021;

-- How many grants does 82% of 39,580 decisions mean? A percentage times a count is a plain number.
select 82% * 39580 as inwilligingen_familie_2021;

-- Rank the categories by grant rate each year; ties share a rank.
select year, categorie, inwilligingen, rank() over (partition by year order by inwilligingen desc) as plaats
from regulier
where year = 2021
order by plaats, categorie;

-- The average grant rate per category is a percentage too.
select categorie, round(avg(inwilligingen), 3) as gemiddeld, min(inwilligingen) as laagste, max(inwilligingen) as hoogste
from regulier
group by categorie
having count(*) = 3
order by gemiddeld desc;

-- Label the years: the corona dip of 2020 shows in every category.
select categorie, year, aanvragen,
       case when year = 2020 then 'corona' else '' end as opmerking
from regulier
where categorie in ('studenten', 'familie_en_gezin')
order by categorie, year;

-- Court cases and Brexit side by side, with UNION ALL.
select 'juridische zaken' as bron, year, ontvangen as aantal from juridische_zaken
union all
select 'brexit (cumulatief)', year, aanvragen from brexit
order by bron, year;
