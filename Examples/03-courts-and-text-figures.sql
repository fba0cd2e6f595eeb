-- Court cases about IND decisions, and how often the judge upheld the decision (instandhouding).
select year, ontvangen, afgehandeld, instandhoudingen_asiel, instandhoudingen_regulier
from juridische_zaken
order by year;

-- Figures from the running text keep their qualifier: bijna, ruim or circa.
select year, onderwerp, waarde, kwalificatie
from kerncijfers
where kwalificatie is not null
order by year, waarde desc;

-- Brexit figures are cumulative ("tot en met"): 2021 includes 2020.
select year, aanvragen, beslissingen, inwilligingen from brexit;

-- Where the Brexit figures come from.
source brexit;

-- The most granted nationalities among students in 2021.
select rang, nationaliteit from nationaliteiten where categorie = 'studenten' order by rang;

-- The 2022 finances, in thousands of euros as the report gives them.
select post, bedrag from financien where post in ('Totaal baten', 'Totaal Lasten', 'Saldo van baten en lasten');
