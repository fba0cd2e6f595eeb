-- First steps: which datasets are there, and what do the student figures say?
show datasets;

-- Every column of a dataset, with its meaning.
describe studenten;

-- All figures for students from outside the EU. Note the dip in 2020: corona kept students away.
select * from studenten;

-- Only the years since the dip, newest first. `jaar` works as well as `year`.
select jaar, aanvragen, beslissingen
from studenten
where jaar >= 2020
order by jaar desc;
