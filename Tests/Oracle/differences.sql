-- Deliberate differences between indq and DuckDB: queries that are NOT in the compared corpus (corpus.sql) because
-- indq answers them otherwise on purpose. OracleTests runs each one through both and checks that each side still
-- behaves as written here, so that this list stays true.
--
-- Each entry has, right before it:
--   -- why: the reason for the difference
--   -- indq: error | the first row of indq's result, cells joined by ' | ', NULL for null, as indq displays them
--   -- duckdb: error | the first row of DuckDB's result, cells joined by ' | ', NULL for null
-- Percent literals are handed to DuckDB as fractions, as in the corpus.
--
-- Not listed as entries, because they are differences of presentation that the corpus already ignores:
--   result column names (indq keeps an expression's name as written; DuckDB rewrites it, e.g. `(7 / 2)`);
--   DuckDB's DECIMAL and HUGEINT results (written as strings in its JSON) compare as the numbers they are.

-- section: division by zero
-- why: indq gives NULL for division by zero with '/', like '//'; this DuckDB gives IEEE infinity
-- indq: NULL
-- duckdb: Infinity
select 1 / 0 from brexit where year = 2020;

-- why: a rate over an empty denominator is unknown in indq, not infinite
-- indq: 2019 | NULL
-- duckdb: 2019 | Infinity
select year, aanvragen / (beslissingen - beslissingen) from studenten where year = 2019;

-- why: 0 / 0 is NULL in indq; DuckDB gives NaN
-- indq: NULL
-- duckdb: NaN
select 0 / 0 from brexit where year = 2020;

-- section: integer division of non-integers
-- why: indq's '//' divides whole numbers only; DuckDB's '//' on a double is plain division
-- indq: error
-- duckdb: 0.495
select inwilligingen // 2 from studenten where year = 2019;

-- why: as above, for a decimal literal
-- indq: error
-- duckdb: 3.75
select 7.5 // 2 from brexit where year = 2020;

-- why: kerncijfers.waarde holds counts, decimals and percentages, so indq refuses '//' on it
-- indq: error
-- duckdb: 28000.0
select waarde // 2 from kerncijfers where onderwerp = 'naturalisatieverzoeken afgehandeld';

-- section: integers beyond 64 bits
-- why: indq's integers are 64-bit and a literal that does not fit is an error; DuckDB reads it as a HUGEINT
-- indq: error
-- duckdb: 99999999999999999999
select 99999999999999999999 from brexit where year = 2020;

-- why: indq negates the literal 9223372036854775808, which does not fit; DuckDB folds the sign into the literal
-- indq: error
-- duckdb: -9223372036854775808
select -9223372036854775808 from brexit where year = 2020;

-- section: double overflow
-- why: indq reports a decimal overflow as an error with its place; DuckDB gives infinity
-- indq: error
-- duckdb: Infinity
select 1e300 * 1e300 from brexit where year = 2020;

-- section: text compared with numbers
-- why: indq never compares text with numbers (a quoted number is a mistake it points at); DuckDB casts the text
-- indq: error
-- duckdb: 2019
select year from studenten where year = '2019';

-- why: as above
-- indq: error
-- duckdb: 2019
select year from studenten where aanvragen > '20000';

-- why: as above, with BETWEEN
-- indq: error
-- duckdb: 2020
select year from studenten where year between '2020' and '2020';

-- section: percent sign as modulo
-- why: in indq `%` only ends a percentage literal; DuckDB's `%` is the remainder
-- indq: error
-- duckdb: 1
select 7 % 2 from brexit where year = 2020;

-- why: as above
-- indq: error
-- duckdb: 430
select aanvragen % 1000 from studenten where year = 2019;

-- section: percentages as text
-- why: indq writes a percentage as text the way it prints it (99%); DuckDB only sees the fraction 0.99
-- indq: 2019-99%
-- duckdb: 2019-0.99
select year || '-' || inwilligingen from studenten where year = 2019;

-- section: numbers as conditions
-- why: indq wants a condition after WHERE and NOT; DuckDB casts a number to a boolean
-- indq: error
-- duckdb: 2019
select year from studenten where year;

-- why: as above
-- indq: error
-- duckdb: false
select not year from studenten where year = 2019;

-- section: outside indq's language
-- why: an ON condition must be true, false or null, as a WHERE condition must; DuckDB reads a number as a truth value
-- indq: error
-- duckdb: 2019 | 20430 | 20630 | 0.99 | 2020 | 34790 | 32920 | 0.99
select * from studenten s join brexit b on s.year order by 1, 5 limit 1;

-- why: NATURAL JOIN joins on whatever names the two tables happen to share (year, and every figure's name here); indq asks for USING (…) or ON, which say which
-- indq: error
-- duckdb: 2020 | 12310 | 12640 | 0.96
select * from studenten a natural join studenten b order by 1 limit 1 offset 1;

-- section: English and Dutch aliases
-- why: indq accepts `jaar` for `year`; DuckDB knows only the column names of its tables
-- indq: 2020
-- duckdb: error
select jaar from studenten where jaar = 2020;

-- why: indq accepts the English names of datasets and columns
-- indq: 2020 | 12310
-- duckdb: error
select year, applications from students where year = 2020;

-- why: as above, for a percentage column
-- indq: 96%
-- duckdb: error
select grant_rate from students where year = 2020;

-- section: percentages round their percent figure
-- why: round(p, n) rounds a percentage to n decimals of a percent (85.83% to 85.8%); DuckDB sees the fraction 0.8583
-- indq: 2019 | 99%
-- duckdb: 2019 | 1.0
select year, round(inwilligingen, 1) from studenten where year = 2019;

-- why: as above: round(p) is whole percents
-- indq: 86%
-- duckdb: 1
select round(85.83%);

-- section: percentages and percentage points
-- why: a percentage can be made from a fraction with CAST(x AS PERCENTAGE) or x::percentage; DuckDB has no such type
-- indq: 67.0187%
-- duckdb: error
select (20560 / 12310 - 1)::percentage;

-- why: as above
-- indq: 50%
-- duckdb: error
select cast(0.5 as percentage);

-- why: the difference of two percentages is in percentage points, which indq writes as text as `3 pp`; DuckDB only sees the fraction
-- indq: 3 pp
-- duckdb: 0.03
select cast(99% - 96% as varchar);

-- section: numbers as text
-- why: indq writes decimals as text with plain digits, never with an exponent; DuckDB writes 1e+20
-- indq: x100000000000000000000.0 | x0.00001
-- duckdb: x1e+20 | x1e-05
select 'x' || 1e20, 'x' || 1e-5;

-- why: a percentage cast to text reads as indq prints it (99%); DuckDB only sees the fraction
-- indq: 99%
-- duckdb: 0.99
select cast(inwilligingen as varchar) from studenten where year = 2019;

-- section: functions
-- why: indq has one integer type, 64 bits wide, so typeof says BIGINT for every whole number; DuckDB types a small literal INTEGER
-- indq: BIGINT
-- duckdb: INTEGER
select typeof(1);

-- why: typeof(NULL) is the type's name, NULL; DuckDB writes it in double quotes
-- indq: NULL
-- duckdb: "NULL"
select typeof(null);

-- why: a percentage is its own type in indq; DuckDB only sees the fraction, a DECIMAL
-- indq: PERCENTAGE
-- duckdb: DECIMAL(18,2)
select typeof(inwilligingen) from studenten where year = 2019;

-- why: floor, ceil and trunc of a percentage work on its percent figure, as round does (floor(85.8%) is 85%); DuckDB floors the fraction
-- indq: 99% | 96%
-- duckdb: 0 | 1
select floor(inwilligingen), ceil(95.5%) from studenten where year = 2019;

-- why: ifnull, like coalesce, needs arguments of one type in indq; DuckDB converts the text to the number's type
-- indq: error
-- duckdb: 1
select ifnull(1, 'a');

-- why: as elsewhere in indq, a result too large for a double is an overflow error with its place; DuckDB gives infinity
-- indq: error
-- duckdb: Infinity
select exp(1000);

-- why: as above
-- indq: error
-- duckdb: Infinity
select power(2, 1024);

-- why: a negative number to a fractional power has no real value: indq says so with an error; DuckDB gives NaN
-- indq: error
-- duckdb: NaN
select power(-8, 1 / 3);

-- why: lpad and rpad build at most 1,000,000 characters, so that a huge length is an error, not an exhausted memory
-- indq: error
-- duckdb: true | xxxxxxxxxxa
select lpad('a', 2000000, 'x') = lpad('a', 2000000, 'x'), lpad('a', 11, 'x');

-- why: string_agg writes a percentage as indq prints it (99%), as CAST to VARCHAR does; DuckDB joins the fractions
-- indq: 99%,96%,99%
-- duckdb: 0.99,0.96,0.99
select string_agg(inwilligingen, ',') from studenten;

-- why: substr clamps any start and length to the text, however large; DuckDB refuses a start or length beyond 2^32
-- indq: bc
-- duckdb: error
select substr('abc', 2, 9223372036854775807);

-- section: dates
-- why: indq has one integer type, so a date moves by any whole number of days; DuckDB adds only an INTEGER, not a BIGINT
-- indq: 2019 | 2016-06-22
-- duckdb: error
select year, date '2022-01-01' - year from studenten order by year;

-- why: indq keeps dates from 0001-01-01 to 9999-12-31, so that every date prints as four-digit ISO text; DuckDB goes on to 10000-01-01
-- indq: error
-- duckdb: 10000-01-01
select date '9999-12-31' + 1;

-- why: indq refuses years beyond 9999 and before 1; DuckDB reads year 0 as 1 BC
-- indq: error
-- duckdb: 0001-01-01 (BC)
select cast('0000-01-01' as date);

-- why: a cast to DATE takes a date alone; DuckDB also takes a time after it and drops it
-- indq: error
-- duckdb: 2022-03-01
select cast('2022-03-01 10:00' as date);

-- why: indq compares a text column with a date only after cast(… as date), for = as for <; DuckDB casts it for = alone
-- indq: error
-- duckdb: true
select date '2019-01-01' = (year || '-01-01') from studenten order by year;

-- why: indq has no timestamps, so date_trunc of a date is a date; DuckDB gives a TIMESTAMP at midnight
-- indq: 2022-03-01
-- duckdb: 2022-03-01 00:00:00
select date_trunc('month', date '2022-03-31');

-- why: indq's date_part of a date takes the parts a date has; DuckDB gives 0 for hour, minute and second
-- indq: error
-- duckdb: 0
select date_part('hour', date '2022-03-31');
