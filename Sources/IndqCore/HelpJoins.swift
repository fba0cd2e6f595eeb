// `help join` and `help with`: how FROM combines datasets, and how a query names its parts. Each example is a
// whole query, listed once here, so that the text shows it and a test runs it through indq and DuckDB alike.

extension Help {
    /// joinExamples are the queries `help join` shows, in its order.
    static let joinExamples = [
        // The issue's own question: the top nationality next to its category's volume.
        "select r.categorie, r.aanvragen, n.nationaliteit from regulier r join nationaliteiten n on n.categorie = r.categorie and n.year = r.year where n.rang = 1",
        "select r.categorie, r.year, n.nationaliteit from regulier r left join nationaliteiten n on n.categorie = r.categorie and n.year = r.year and n.rang = 1 order by r.categorie, r.year",
        "select s.year, s.aanvragen as studenten, b.aanvragen as brexit from studenten s full join brexit b using (year) order by year",
        "select a.year, a.aanvragen - b.aanvragen as groei from studenten a join studenten b on b.year = a.year - 1 order by a.year",
        "select count(*) from studenten cross join brexit",
        "select s.year, s.aanvragen from studenten s, kennis_en_talent k where k.year = s.year and k.aanvragen > s.aanvragen",
    ]

    /// withExamples are the queries `help with` shows, in its order.
    static let withExamples = [
        "with per_jaar as (select year, sum(aanvragen) as aanvragen from regulier group by year) select year, aanvragen from per_jaar where aanvragen > 90000 order by year",
        "with totaal as (select year, sum(aanvragen) as alle from regulier group by year), aandeel as (select r.categorie, r.year, r.aanvragen / t.alle as deel from regulier r join totaal t using (year)) select categorie, round(deel, 3) from aandeel where year = 2021 order by deel desc",
        "select categorie, gemiddeld from (select categorie, avg(aanvragen) as gemiddeld from regulier group by categorie) as g where gemiddeld > 10000 order by gemiddeld desc",
        "select categorie, year, aanvragen from regulier r where aanvragen = (select max(aanvragen) from regulier where categorie = r.categorie) order by categorie",
        "select nationaliteit from nationaliteiten n where rang = 1 and exists (select 1 from regulier r where r.categorie = n.categorie and r.aanvragen > 20000) order by 1",
    ]

    static var joins: String {
        """
        Joins put the rows of two datasets side by side, as in DuckDB:

          a [INNER] JOIN b ON condition    the pairs of rows for which the condition is true
          a LEFT [OUTER] JOIN b ON …       every row of a, with NULLs where b has no match (RIGHT: every row of b)
          a FULL [OUTER] JOIN b ON …       every row of both
          a JOIN b USING (year)            ON a.year = b.year, with one year column in the result
          a CROSS JOIN b, or a, b          every pair; a, b with WHERE is the same as a join with ON

        Name a table with an alias (regulier r, or regulier as r) and its columns with it (r.year, r.*, r.bron);
        a name that two tables have must be qualified. A dataset may be joined with itself under two aliases.
        A CSV file joins as a dataset does: from 'cijfers.csv' c join regulier r on r.year = c.jaar.
        An equality uses a hash join; NULL never equals anything, so it never matches. Other conditions compare
        every pair. Both stop on Ctrl-C and stay within set memory_limit.

        Examples:
        \(joinExamples.map { "  " + $0 + ";" }.joined(separator: "\n"))

        help with shows CTEs, subqueries in FROM, correlated subqueries and EXISTS.

        """
    }

    static var with: String {
        """
        A query can name its parts:

          WITH name AS (SELECT …) [, name2 AS (SELECT …)] SELECT …
                        CTEs: each may read the ones before it; WITH RECURSIVE is not supported
          FROM (SELECT …) [AS] t
                        a derived table: the rows of a query, under the name t
          (SELECT … WHERE x = outer.x)
                        a correlated subquery, in WHERE or the select list: it runs for each row's values
          [NOT] EXISTS (SELECT …)
                        whether the subquery has a row

        A session view (create view NAME as SELECT …) is read the same way, as a derived table.

        Examples:
        \(withExamples.map { "  " + $0 + ";" }.joined(separator: "\n"))

        """
    }
}
