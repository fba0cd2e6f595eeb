-- Grant rates (inwilligingen) are percentages. A percentage is a fraction: 82% is 0.82,
-- so `inwilligingen >= 95%` and `inwilligingen >= 0.95` are the same test.

-- Which categories granted at least 95% of their decisions, and when?
select categorie, year, inwilligingen
from regulier
where inwilligingen >= 95%
order by inwilligingen desc, categorie, year;

-- How many grants does a grant rate mean? A percentage times a count is a plain number.
select year, beslissingen, inwilligingen, beslissingen * inwilligingen as toegekend
from familie_en_gezin
order by year;

-- Applications that had not been decided in the same year (a rough backlog indicator).
select categorie, year, aanvragen - beslissingen as verschil
from regulier
where year = 2021
order by verschil desc
limit 3;
