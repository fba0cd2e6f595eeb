-- First steps: which datasets are there, and what do the student figures say?
show datasets;
-- expect:
-- ┌──────────────────┬──────────────────────┬──────┬────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┬──────────────────────────────┐
-- │ dataset          │ english              │ rows │ description                                                                                                                                │ origin                       │
-- ├──────────────────┼──────────────────────┼──────┼────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┼──────────────────────────────┤
-- │ familie_en_gezin │ family               │    3 │ Verblijfsaanvragen van mensen die hun partner of familielid naar Nederland willen halen                                                    │ IND Jaarverslag 2021         │
-- │ kennis_en_talent │ knowledge_and_talent │    3 │ Verblijfsaanvragen voor werk door kennismigranten en ander internationaal talent                                                           │ IND Jaarverslag 2021         │
-- │ start_ups        │ start_ups            │    3 │ Verblijfsaanvragen van startende, innovatieve ondernemers onder de start-upregeling                                                        │ IND Jaarverslag 2021         │
-- │ studenten        │ students             │    3 │ Verblijfsaanvragen voor studie door studenten van buiten de EU                                                                             │ IND Jaarverslag 2021         │
-- │ arbeidsmigranten │ labour_migrants      │    3 │ Verblijfsaanvragen voor werk door arbeidsmigranten van buiten de EU                                                                        │ IND Jaarverslag 2021         │
-- │ brexit           │ brexit               │    2 │ Verblijfsaanvragen van Britse burgers in Nederland als gevolg van de Brexit, cumulatief                                                    │ IND Jaarverslag 2021         │
-- │ regulier         │ regular              │   15 │ Reguliere verblijfsaanvragen per categorie: de tabellen Familie en gezin, Kennis en talent, Start-ups, Studenten en Arbeidsmigranten samen │ IND Jaarverslag 2021         │
-- │ juridische_zaken │ legal_cases          │    3 │ Gerechtelijke procedures over beslissingen van de IND en hoe vaak de rechter de beslissing in stand liet                                   │ IND Jaarverslag 2021         │
-- │ nationaliteiten  │ nationalities        │   15 │ Top 3 nationaliteiten naar inwilligingen per categorie, 2021                                                                               │ IND Jaarverslag 2021         │
-- │ kerncijfers      │ key_figures          │   37 │ Losse cijfers uit de lopende tekst van de IND-jaarverslagen 2021 en 2022                                                                   │ IND Jaarverslag 2021 en 2022 │
-- │ financien        │ finances             │    7 │ Baten en lasten van de IND in 2022, in duizenden euro's                                                                                    │ IND Jaarverslag 2022         │
-- │ personeel        │ staff                │    3 │ Personeelsbezetting van de IND eind 2022 en de groei in 2022, in fte                                                                       │ IND Jaarverslag 2022         │
-- └──────────────────┴──────────────────────┴──────┴────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┴──────────────────────────────┘
-- 12 rows

-- Every column of a dataset, with its meaning.
describe studenten;
-- expect:
-- ┌───────────────┬────────────┬──────────────┬─────────────────────────────────────────────────────────────────┬───────────────────────────────────────────────────┐
-- │ column        │ type       │ english      │ betekenis                                                       │ meaning                                           │
-- ├───────────────┼────────────┼──────────────┼─────────────────────────────────────────────────────────────────┼───────────────────────────────────────────────────┤
-- │ year          │ integer    │ year         │ het jaar waarover het cijfer gaat                               │ the year the figure is about                      │
-- │ aanvragen     │ integer    │ applications │ aantal ingediende aanvragen                                     │ number of applications submitted                  │
-- │ beslissingen  │ integer    │ decisions    │ aantal beslissingen op aanvragen                                │ number of decisions on applications               │
-- │ inwilligingen │ percentage │ grant_rate   │ aandeel van de beslissingen waarin de aanvraag werd ingewilligd │ share of decisions that granted the application   │
-- │ bron          │ text       │ source_ref   │ korte bronvermelding van de rij (pseudokolom)                   │ short source reference of the row (pseudo-column) │
-- └───────────────┴────────────┴──────────────┴─────────────────────────────────────────────────────────────────┴───────────────────────────────────────────────────┘
-- 5 rows

-- All figures for students from outside the EU. Note the dip in 2020: corona kept students away.
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

-- Only the years since the dip, newest first. `jaar` works as well as `year`.
select jaar, aanvragen, beslissingen
from studenten
where jaar >= 2020
order by jaar desc;
-- expect:
-- ┌──────┬───────────┬──────────────┐
-- │ jaar │ aanvragen │ beslissingen │
-- ├──────┼───────────┼──────────────┤
-- │ 2021 │     20560 │        20600 │
-- │ 2020 │     12310 │        12640 │
-- └──────┴───────────┴──────────────┘
-- 2 rows
