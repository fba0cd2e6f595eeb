#!/usr/bin/env python3
"""Checks every figure in Sources/IndqData/datasets/ against the report text in Tests/IndqCoreTests/Seeds/.

Usage: python3 Tests/check_figures.py [-v]

What it checks:
  * the files: UTF-8, tab-separated, final newline, no carriage returns, every row as long as the header;
  * columns.tsv: every column defined once with a known type, every defined column used, every used column defined;
  * every dataset: its @properties, that rows are in ascending year order, that every value parses as its type;
  * year tables (a dataset whose @table is a "Cijfers ..." title): the title line in the report, the years printed
    after it, and for every column the label line, with the figure at the position of the row's year;
  * rows with source.line: the figure stands in that line of the cited report (a figure printed in words, e.g.
    "drie", counts for 3), the qualifier (bijna, ruim, circa) stands right before it, possibly on the previous line,
    and no qualifier stands before a figure without one; source.sentence, whitespace-normalised, occurs in the
    whitespace-normalised report as a whole sentence (or heading) that covers the cited line; source.section
    (and @section) is the heading of the section the line stands in;
  * @printed (year tables, one per column except year): the line number is the column's label line in the table,
    the text is that report line byte for byte (trailing white space removed), and the figures after the label are
    the column's values in the order of the years printed in the title;
  * source.text (every dataset with source.line): the report line source.line byte for byte, trailing white space
    removed;
  * glossary.tsv: its shape (term, english, subject, nl, en; term lower case and unique; every subject itself a
    term), and that it explains every term that REQUIRED_TERMS lists, every qualifier and every unit;
  * figures in words: a row whose figure the report writes in words gives those words in source.words, which
    stand at the figure in the line; a row whose figure is printed in digits has no source.words;
  * units: a figure followed by a unit word (vijf jaar, zes maanden, 1,5 meter, een derde) has that eenheid;
  * one fact, one row: no two rows use the same printed figure, and no two kerncijfers rows share year, waarde and
    eenheid unless DISTINCT_FACTS says why; a figure printed twice is one row with a `+` line for the other place;
  * cumulative datasets: a dataset whose @note says it counts cumulatively says so in the @meaning of every column;
  * coverage: every number printed in the reports is used by some row, or is a date, a year, or listed in SKIPPED
    below with the reason; the same for every number word (twee, drie, honderd, duizenden, een derde, een jaar,
    één, ...), found by NUMBER_WORD_RE, which must be used by a row or listed in SKIPPED_WORDS with the reason.

Prints every failure with the file, line and report line, then `N passed, M failed`; exits 1 on any failure.
"""

import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, 'Sources', 'IndqData', 'datasets')
GLOSSARY = os.path.join(ROOT, 'Sources', 'IndqData', 'glossary.tsv')
SEEDS = os.path.join(ROOT, 'Tests', 'IndqCoreTests', 'Seeds')

TYPES = {'integer', 'percentage', 'text', 'number'}
SOURCE_COLUMNS = {'source.report', 'source.section', 'source.line', 'source.sentence', 'source.text', 'source.words'}
REQUIRED_PROPERTIES = ['@dataset', '@english', '@description', '@report', '@section', '@table']
KNOWN_PROPERTIES = set(REQUIRED_PROPERTIES) | {'@note', '@union', '@printed', '@meaning', '@cumulative'}
QUALIFIERS = {'bijna', 'ruim', 'circa'}
UNITS = {'aantal', 'procent', 'miljoen euro', 'fte', 'weken', 'maanden', 'jaar', 'meter', 'derde'}

# The label line of each year-table column, as printed at the start of the line.
TABLE_LABELS = {
    'aanvragen': 'Aanvragen',
    'beslissingen': 'Beslissingen',
    'inwilligingen': 'Inwilligingen',
    'ontvangen': 'Aantal ontvangen gerechtelijke procedures',
    'afgehandeld': 'Aantal afgehandelde gerechtelijke',
    'instandhoudingen_asiel': 'Percentage instandhoudingen asiel',
    'instandhoudingen_regulier': 'Percentage instandhoudingen regulier',
}
YEAR_TABLES = ['familie_en_gezin', 'kennis_en_talent', 'start_ups', 'studenten', 'arbeidsmigranten', 'brexit',
               'juridische_zaken']
ALL_DATASETS = YEAR_TABLES + ['regulier', 'nationaliteiten', 'kerncijfers', 'financien', 'personeel']

# Text columns that must stand as printed in the cited line.
PRINTED_TEXT = {'financien': 'post', 'nationaliteiten': 'nationaliteit'}

# Figures printed in words, and the value they are written as.
WORD_VALUES = {'1': ['een', 'één'], '2': ['twee'], '3': ['drie'], '4': ['vier'], '5': ['vijf'], '6': ['zes'],
               '7': ['zeven'], '8': ['acht'], '9': ['negen'], '10': ['tien'], '11': ['elf'], '12': ['twaalf']}
# Number words: every occurrence must be used by a row or listed in SKIPPED_WORDS. They are the cardinals (twee,
# dertien, veertig, honderd, their compounds such as vijfentwintig and tweehonderd, and plurals such as duizenden
# and tientallen), fractions and multiples (derde, kwart, half, helft, anderhalf, dubbel, verdubbeling, gehalveerd),
# "één" (the accent makes it the number), and "een" where a unit or a count word follows it (een jaar, een derde,
# een paar duizend): there it is the number one, not the article.
_UNITS_ONE = r'(?:twee|drie|vier|vijf|zes|zeven|acht|negen)'
_CARDINAL = (r'(?:(?:een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien|veertien|vijftien|zestien|'
             r'zeventien|achttien|negentien|twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig|honderd|'
             r'duizend|miljoen|miljard|[eë]nen|' + _UNITS_ONE + r'ën|' + _UNITS_ONE + r'en)+)')
_MULTIPLE = (r'(?:derde|kwart|half|halve|helft|anderhalf|dubbel\w*|verdubbel\w*|gehalveerd|halvering|'
             r'(?:ver)?(?:twee|drie|vier|vijf|zes|tien|honderd)voudig\w*)')
ONE_FOLLOWERS = (r'(?:jaar|jaren|maand|maanden|week|weken|dag|dagen|uur|uren|minuut|minuten|meter|kilometer|keer|'
                 r'derde|kwart|half|halve|procent|paar|tiental|honderd|duizend|miljoen|miljard)')
NUMBER_WORD_RE = re.compile(r'(?<!\w)(?:één|(?:een)(?=\s+' + ONE_FOLLOWERS + r'(?!\w))|'
                            r'(?!een(?!\w))' + _CARDINAL + r'(?:en|tallen)?|tientallen|' + _MULTIPLE + r')(?!\w)',
                            re.IGNORECASE)
# Words after a figure that name its unit, and the eenheid the row must then have.
UNIT_WORDS = {'jaar': 'jaar', 'jaren': 'jaar', 'maand': 'maanden', 'maanden': 'maanden', 'week': 'weken',
              'weken': 'weken', 'meter': 'meter', 'derde': 'derde', 'miljoen': 'miljoen euro', 'fte': 'fte',
              'procent': 'procent'}
# kerncijfers rows that share year, waarde and eenheid but are different facts.
DISTINCT_FACTS = {
    ('2022', '6', 'maanden'): 'the legal time limit for nareis and the asylum time limit before its extension',
}

# Terms that glossary.tsv must explain, besides every qualifier and unit.
REQUIRED_TERMS = ['aanvragen', 'beslissingen', 'inwilligingen', 'instandhoudingen', 'instandhouding', 'nareis', 'amv',
                  'naturalisatie', 'kennis en talent', 'start-upregeling', 'start-ups', 'studenten', 'arbeidsmigranten',
                  'familie en gezin', 'brexit', 'tot en met', 'fte', 'regulier', 'asiel', 'juridische zaken',
                  'gerechtelijke procedure', 'ontvangen', 'afgehandeld', 'kerncijfers', 'kwalificatie', 'baten',
                  'lasten', 'saldo', 'dwangsom', 'externe inhuur', 'ambtelijke bezetting', 'dublinverordening',
                  'herhaalde aanvraag', 'ranov', 'mar', 'rtb', 'verblijfssticker', 'beslistermijn', 'grace period',
                  'nationaliteit', 'rang', 'bron', 'afwijzing']

MONTHS = 'januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december'

# Numbers in the reports that are deliberately not a figure in any dataset: (report year, line, token): reason.
SKIPPED = {
    (2021, 125, '3'): 'the "3" of the title "Top 3 nationaliteiten inwilligingen"',
    (2021, 194, '3'): 'the "3" of the title "Top 3 nationaliteiten inwilligingen"',
    (2021, 199, '3'): 'the "3" of the title "Top 3 nationaliteiten inwilligingen"',
    (2021, 204, '3'): 'the "3" of the title "Top 3 nationaliteiten inwilligingen"',
    (2021, 209, '3'): 'the "3" of the title "Top 3 nationaliteiten inwilligingen"',
    (2021, 129, '8'): 'article 8 of the EVRM (ECHR), the name of the procedure, not a figure',
    (2022, 225, '6'): 'heading; the same figure is taken from the sentence on line 231',
    (2022, 225, '15'): 'heading; the same figure is taken from the sentence on line 231',
    (2022, 264, '65.000'): 'the "65.000e" (ordinal) sticker; the figure is taken from the heading on line 262',
    (2022, 375, '1.000'): 'the unit line "Bedragen * € 1.000" of the statement; recorded as a note in financien',
}
# Figures in words that are deliberately not in any dataset: (report year, line, word): reason.
SKIPPED_WORDS = {
    (2021, 54, 'een'): '"een paar duizend herbeoordelingen": "een paar" (a few), no exact figure',
    (2021, 54, 'duizend'): '"een paar duizend herbeoordelingen": no exact figure',
    (2021, 66, 'helft'): '"de eerste helft van het jaar": a period, not a figure',
    (2021, 70, 'helft'): '"de tweede helft van het jaar": a period; the figure (ruim 75%) is in kerncijfers',
    (2021, 142, 'één'): '"proef met één overheidsloket" (heading): the name of the trial, one joint counter for '
                        'several services, not a count',
    (2021, 146, 'één'): '"in één bezoek": how the joint counter works (everything in a single visit), not a count',
    (2021, 218, 'een'): '"Het was een jaar als nooit tevoren": a turn of phrase, not a duration',
    (2021, 251, 'gehalveerd'): '"doorlooptijden ... gehalveerd ten opzichte van de beslistermijn": relative, no figure',
    (2021, 422, 'twee'): '"D&I als twee afzonderlijke thema\'s": advice to treat D and I separately, not a count',
    (2021, 427, 'één'): '"onderdeel van één van de bestaande jaardoelen": "one of", not a count',
    (2022, 54, 'tienduizenden'): '"tienduizenden vluchtelingen": no exact figure',
    (2022, 162, 'één'): '"in één oogopslag": an idiom (at a glance), not a count',
    (2022, 173, 'tientallen'): '"enkele tientallen startende bedrijven per jaar": no exact figure',
    (2022, 195, 'verdubbeling'): '"een verdubbeling ten opzichte van het jaar daarvoor": relative, no figure',
    (2022, 204, 'duizenden'): '"duizenden verblijfsvergunningen" (heading): no exact figure; 10.000 is in kerncijfers',
}

# The headings that start a section, besides the dated items (a line `dd/mm` and the title after it).
HEADINGS = {
    2021: ['Voorwoord', 'Een hogere instroom dan verwacht bij Asiel',
           'Aanvragen Familie en gezin weer op niveau van voor corona', 'Meer aanvragen werk en studie',
           'Naturalisatie: in control tijdens piekjaar met RANOV', 'Dienstverlening in coronatijd: loketten bleven open',
           'Professionalisering van toezicht en handhaving', 'Minder gerechtelijke procedures',
           'Maatschappelijke Adviesraad adviseert IND over uitvoering', 'Onze jaarcijfers'],
    2022: ['Russische inval in Oekraïne', 'Baten en lasten'],
}

NUMBER_RE = re.compile(r'(?<![\w.,\-])-?\d+(?:[.,]\d+)*%?(?!\d|[.,]\d)')


class Checker:
    def __init__(self):
        self.passed = 0
        self.failures = []

    def check(self, ok, where, message):
        if ok:
            self.passed += 1
        else:
            self.failures.append(f'{where}: {message}')
        return ok


class Report:
    def __init__(self, name, path):
        self.name = name
        self.path = path
        with open(path, encoding='utf-8') as f:
            self.lines = f.read().split('\n')   # self.lines[i - 1] is line i
        # The whitespace-normalised text, with the report line of every character.
        chars, owner = [], []
        for number, line in enumerate(self.lines, start=1):
            for word in line.split():
                if chars:
                    chars.append(' ')
                    owner.append(owner[-1])   # a space belongs to the line of the word before it
                chars.extend(word)
                owner.extend([number] * len(word))
        self.norm = ''.join(chars)
        self.owner = owner
        self.year = int(re.search(r'(\d{4})', name).group(1))
        self.covered = set()         # (line, figure) used by some row
        self.covered_at = {}         # (line, column) where a used figure starts: the row that uses it

    def line(self, number):
        return self.lines[number - 1] if 1 <= number <= len(self.lines) else None

    def occurrences(self, text):
        """(first line, last line, is at line start) of every occurrence of text, whitespace-normalised."""
        return [(first, last, at_start) for first, last, at_start, _ in self._find(text)]

    def sentences(self, text):
        """(first line, last line) of every occurrence of text that is a whole sentence, or a whole heading."""
        return [(first, last) for first, last, _, whole in self._find(text) if whole]

    def _find(self, text):
        text = ' '.join(text.split())
        result, start = [], 0
        while text:
            i = self.norm.find(text, start)
            if i < 0:
                break
            j = i + len(text) - 1
            at_start = i == 0 or self.owner[i - 1] != self.owner[i]
            at_end = j + 1 == len(self.norm) or self.owner[j + 2] != self.owner[j]
            before = self.norm[:i].rstrip()[-1:]
            after = self.norm[j + 1:j + 2]
            # A sentence starts with a capital after the end of another sentence, a bullet or at the start of a
            # line, and ends in . ! or ? (perhaps inside a quote); a heading is whole lines.
            starts = text[:1].isupper() and (at_start or before in ('', '.', '!', '?', '”', '•'))
            ends = re.search(r'[.!?][”’)]?$', text) is not None and after in ('', ' ')
            result.append((self.owner[i], self.owner[j], at_start, starts and (ends or (at_start and at_end))))
            start = i + 1
        return result


def normalise(text):
    return ' '.join(text.split())


def parses(kind, value):
    if kind == 'integer':
        return re.fullmatch(r'-?(\d{1,3}(\.\d{3})+|\d+)', value) is not None
    if kind == 'percentage':
        return re.fullmatch(r'\d+(,\d+)?%', value) is not None
    if kind == 'number':
        return re.fullmatch(r'-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?%?', value) is not None
    return kind == 'text'


def find_figure(value, text):
    """Spans of the figure in text: as digits (whole number, not part of a larger one) or as a word."""
    spans = [m.span() for m in re.finditer(r'(?<![\w.,\-])' + re.escape(value) + r'(?!\d|[.,]\d)', text)]
    for word in WORD_VALUES.get(value, []):
        spans += [m.span() for m in re.finditer(r'(?<!\w)' + re.escape(word) + r'(?!\w)', text, re.IGNORECASE)]
    return spans


def read_tsv(c, path, name):
    """(properties [(key, value, line)], header, rows [(file line, cells)]) or None."""
    where = f'{name}'
    with open(path, 'rb') as f:
        raw = f.read()
    try:
        text = raw.decode('utf-8')
    except UnicodeDecodeError as e:
        c.check(False, where, f'not UTF-8: {e}')
        return None
    c.check(text.endswith('\n') and not text.endswith('\n\n'), where, 'must end in exactly one newline')
    c.check('\r' not in text, where, 'contains a carriage return')
    properties, header, rows = [], None, []
    for number, line in enumerate(text.split('\n')[:-1], start=1):
        at = f'{name}:{number}'
        if line.startswith('#'):
            continue
        cells = line.split('\t')
        # A report line as printed (the text of @printed, source.text) keeps its leading white space.
        verbatim = {3} if cells[0] == '@printed' else \
            {header.index('source.text')} if header and 'source.text' in header else set()
        c.check(all(cell == (cell.rstrip() if i in verbatim else cell.strip()) for i, cell in enumerate(cells)),
                at, 'a cell has leading or trailing whitespace')
        if cells[0] == '@printed':
            ok = c.check(len(cells) == 4 and all(cells[1:]) and cells[2].isdigit(), at,
                         f'must be `@printed<TAB>column<TAB>line<TAB>text`: {line!r}')
            if ok:
                properties.append((cells[0], (cells[1], int(cells[2]), cells[3]), number))
        elif cells[0] == '@meaning':
            ok = c.check(len(cells) == 4, at, f'must be `@meaning<TAB>column<TAB>nl<TAB>en`: {line!r}')
            if ok:
                properties.append((cells[0], '\t'.join(cells[1:]), number))
        elif line.startswith('@'):
            ok = c.check(len(cells) == 2 and cells[1] != '', at, f'property line must be `@name<TAB>value`: {line!r}')
            if ok:
                properties.append((cells[0], cells[1], number))
        elif header is None:
            c.check(len(cells) > 1 and '  ' not in line, at, f'header is not tab-separated: {line!r}')
            header = cells
        else:
            c.check(len(cells) == len(header), at,
                    f'{len(cells)} cells for {len(header)} columns (missing or extra column): {line!r}')
            rows.append((number, cells + [''] * (len(header) - len(cells))))
    return properties, header, rows


def load_columns(c):
    got = read_tsv(c, os.path.join(DATA, 'columns.tsv'), 'columns.tsv')
    if not got:
        return {}
    properties, header, rows = got
    c.check(not properties, 'columns.tsv', 'columns.tsv has no @properties')
    c.check(header == ['name', 'type', 'english', 'nl', 'en'], 'columns.tsv:header',
            f'header must be name, type, english, nl, en, not {header}')
    columns, english = {}, set()
    for number, (name, kind, en_name, nl, en) in ((n, r[:5]) for n, r in rows):
        at = f'columns.tsv:{number}'
        c.check(re.fullmatch(r'[a-z][a-z0-9_]*', name) is not None, at, f'bad column name {name!r}')
        c.check(name not in columns, at, f'column {name} defined twice')
        c.check(kind in TYPES, at, f'unknown type {kind!r}')
        c.check(re.fullmatch(r'[a-z][a-z0-9_]*', en_name) is not None, at, f'bad English name {en_name!r}')
        c.check(en_name not in english, at, f'English name {en_name} used twice')
        c.check(bool(nl) and bool(en), at, 'meaning in Dutch and English required')
        columns[name] = kind
        english.add(en_name)
    return columns


class Dataset:
    def __init__(self, name, properties, header, rows):
        self.name = name
        self.properties = properties
        self.header = header
        # A `+` line is another citation of the row above: (its file line, its cells) in citations[row's file line].
        self.rows, self.citations, self.orphans = [], {}, []
        for number, cells in rows:
            if cells[:1] == ['+']:
                if self.rows:
                    self.citations.setdefault(self.rows[-1][0], []).append((number, cells))
                else:
                    self.orphans.append(number)
            else:
                self.rows.append((number, cells))

    def prop(self, key):
        values = [v for k, v, _ in self.properties if k == key]
        return values[0] if values else None


def check_dataset(c, ds, columns, reports, used):
    name = ds.name
    keys = [k for k, _, _ in ds.properties]
    for key in REQUIRED_PROPERTIES:
        c.check(keys.count(key) == 1, name, f'{key} must appear exactly once')
    for key in keys:
        c.check(key in KNOWN_PROPERTIES, name, f'unknown property {key}')
    c.check(ds.prop('@dataset') == name, name, f'@dataset {ds.prop("@dataset")!r} differs from the file name')
    c.check(re.fullmatch(r'[a-z][a-z0-9_]*', ds.prop('@english') or '') is not None, name, 'bad @english')
    c.check(('@union' in keys) == (name == 'regulier'), name, '@union is for regulier only, and required there')
    c.check(('@printed' in keys) == (name in YEAR_TABLES), name, '@printed is for the year tables only, and required there')

    header = ds.header or []
    for number in ds.orphans:
        c.check(False, f'{name}:{number}', 'a `+` line must follow the row it cites again')
    for parent, lines in ds.citations.items():
        for number, cells in lines:
            at = f'{name}:{number}'
            c.check('source.line' in header, at, 'a `+` line needs source columns')
            data = [cell for column, cell in zip(header[1:], cells[1:]) if not column.startswith('source.')]
            c.check(not any(data), at, 'a `+` line gives only source cells; its data cells are empty')
    meanings = {}
    for key, value, file_line in ds.properties:
        if key == '@meaning':
            parts = value.split('\t')
            if c.check(len(parts) == 3 and all(parts), f'{name}:{file_line}',
                       f'must be `@meaning<TAB>column<TAB>nl<TAB>en`: {value!r}'):
                c.check(parts[0] in header, f'{name}:{file_line}', f'@meaning for {parts[0]!r}, not a column')
                c.check(parts[0] not in meanings, f'{name}:{file_line}', f'@meaning for {parts[0]} twice')
                meanings[parts[0]] = parts[1:]
    if any('cumulatief' in (v or '') for k, v, _ in ds.properties if k in ('@note', '@description')):
        # A cumulative table says so where describe shows each column's meaning.
        for column in header:
            if column.startswith('source.'):
                continue
            nl, en = meanings.get(column, ['', ''])
            c.check(('cumulatief' in nl or 'tot en met' in nl) and ('cumulative' in en or 'up to and including' in en),
                    name, f'{name} counts cumulatively, but the @meaning of {column} does not say so')
    c.check(len(set(header)) == len(header), name, 'a header name appears twice')
    c.check(bool(header) and header[0] in ('year', 'categorie'), name, 'header must start with year')
    c.check('year' in header, name, 'no year column')
    for column in header:
        if column.startswith('source.'):
            c.check(column in SOURCE_COLUMNS, name, f'unknown source column {column}')
        else:
            c.check(column in columns, name, f'column {column} is not defined in columns.tsv')
            used.add(column)

    # Values and their types.
    previous = None
    for number, cells in ds.rows:
        at = f'{name}:{number}'
        row = dict(zip(header, cells))
        for column, value in row.items():
            kind = columns.get(column, 'integer' if column == 'source.line' else 'text')
            # personeel keeps a level (fte) and a growth (groei_fte) in separate columns: one of them per row.
            nullable = column in ('kwalificatie', 'source.words') or (name == 'personeel' and column in ('fte', 'groei_fte'))
            if value == '':
                c.check(nullable, at, f'{column} is empty')
                continue
            c.check(parses(kind, value), at, f'{column} {value!r} does not parse as {kind}')
            if kind == 'percentage':
                c.check(value.endswith('%'), at, f'percentage {column} {value!r} must end in %')
        year = row.get('year', '')
        c.check(re.fullmatch(r'\d{4}', year) is not None, at, f'year {year!r} is not a year')
        if previous is not None and year.isdigit():
            c.check(int(year) >= previous, at, f'rows not in ascending year order ({year} after {previous})')
        if year.isdigit():
            previous = int(year)
        if 'kwalificatie' in row:
            c.check(row['kwalificatie'] in QUALIFIERS | {''}, at, f'kwalificatie {row["kwalificatie"]!r}')
        if 'eenheid' in row:
            c.check(row['eenheid'] in UNITS, at, f'eenheid {row["eenheid"]!r} not in {sorted(UNITS)}')
            c.check(row['waarde'].endswith('%') == (row['eenheid'] == 'procent'), at,
                    'waarde ends in % exactly when eenheid is procent')
        if 'onderwerp' in row:
            c.check(row['onderwerp'] == row['onderwerp'].lower(), at, 'onderwerp must be lower case')
        if name == 'personeel':
            c.check((row.get('fte', '') == '') != (row.get('groei_fte', '') == ''), at,
                    'a personeel row is a level (fte) or a growth (groei_fte), exactly one of them')
        if 'categorie' in row and name != 'regulier':
            c.check(row['categorie'] in ALL_DATASETS, at, f'categorie {row["categorie"]!r} is not a dataset')

    # The report.
    if 'source.report' in header:
        c.check(ds.prop('@report') == 'IND Jaarverslag 2021 en 2022', name, '@report must name both reports')
        return
    report = reports.get(ds.prop('@report'))
    if not c.check(report is not None, name, f'@report {ds.prop("@report")!r} is not a report in Seeds/'):
        return
    if name == 'regulier':
        c.check(not ds.rows, name, 'regulier has no rows of its own; they come from @union')
        union = (ds.prop('@union') or '').split()
        c.check(union == ['familie_en_gezin', 'kennis_en_talent', 'start_ups', 'studenten', 'arbeidsmigranten'],
                name, f'@union {union}')
        return
    sections = report.occurrences(ds.prop('@section') or '')
    c.check(any(at_start for _, _, at_start in sections), name,
            f'@section {ds.prop("@section")!r} is not a heading in {report.name}')
    if name in YEAR_TABLES:
        check_year_table(c, ds, report)
    else:
        titles = report.occurrences(ds.prop('@table') or '')
        c.check(any(at_start for _, _, at_start in titles), name,
                f'@table {ds.prop("@table")!r} is not a title in {report.name}')


def check_year_table(c, ds, report):
    name, title = ds.name, ds.prop('@table')
    starts = [i for i, line in enumerate(report.lines, start=1) if line.strip().startswith(title + ':')]
    if not c.check(len(starts) == 1, name, f'table title {title + ":"!r} found {len(starts)} times in {report.name}'):
        return
    start = starts[0]
    check_section(c, report, ds.prop('@section'), start, f'{name} ({report.name}:{start})')
    years = re.findall(r'\b(\d{4})\b', report.line(start).strip()[len(title) + 1:])
    c.check(len(years) >= 2, f'{name} ({report.name}:{start})', f'no years after the title: {report.line(start)!r}')
    report.covered.update((start, y) for y in years)
    data_years = [cells[ds.header.index('year')] for _, cells in ds.rows]
    c.check(sorted(data_years) == sorted(years), name,
            f'years in the data {data_years} differ from the years printed in the table {years}')
    # The table: the lines after the title up to the first empty line.
    table = []
    for number in range(start + 1, len(report.lines) + 1):
        if not report.line(number).strip():
            break
        table.append(number)
    printed = {}
    for key, value, file_line in ds.properties:
        if key == '@printed':
            column, number, text = value
            at = f'{name}:{file_line}'
            c.check(column in ds.header and column != 'year', at, f'@printed for {column!r}, not a column of {name}')
            c.check(column not in printed, at, f'@printed for {column} twice')
            printed[column] = (number, text, at)
    for column in ds.header:
        if column == 'year':
            continue
        if not c.check(column in printed, name, f'no @printed for column {column}'):
            continue
        number, text, at = printed[column]
        where = f'{at} ({report.name}:{number})'
        line = report.line(number)
        if not c.check(line is not None, where, f'@printed line {number} is not a line of {report.name}'):
            continue
        c.check(text == line.rstrip(), where, f'@printed text differs from the report line: {text!r} is printed as '
                f'{line.rstrip()!r}')
        c.check(number in table, where, f'@printed line {number} is not in the table {title!r} (lines {start}-'
                f'{table[-1] if table else start})')
        label = TABLE_LABELS.get(column, '')
        figures = text.strip()[len(label):].split() if label and text.strip().startswith(label + ' ') else None
        values = {dict(zip(ds.header, cells))['year']: dict(zip(ds.header, cells))[column] for _, cells in ds.rows}
        expected = [values.get(y) for y in years]
        c.check(figures == expected, where,
                f'@printed line does not hold the figures of {column} ({label!r} then {expected}): {text!r}')
    for column in ds.header:
        if column == 'year':
            continue
        label = TABLE_LABELS.get(column)
        if not c.check(label is not None, name, f'no label known for table column {column}'):
            continue
        found = [n for n in table if report.line(n).strip().startswith(label + ' ')]
        if not c.check(len(found) == 1, f'{name} ({report.name}:{start})',
                       f'label line {label!r} found {len(found)} times in the table'):
            continue
        number = found[0]
        tokens = report.line(number).strip()[len(label):].split()
        where = f'{report.name}:{number}'
        if not c.check(len(tokens) == len(years), f'{name} ({where})',
                       f'{len(tokens)} figures after {label!r} for {len(years)} years: {tokens}'):
            continue
        for row_line, cells in ds.rows:
            row = dict(zip(ds.header, cells))
            if row['year'] not in years:
                continue
            printed = tokens[years.index(row['year'])]
            c.check(printed == row[column], f'{name}:{row_line} ({where})',
                    f'{column} {row["year"]} is {row[column]!r} in the data but {printed!r} in the report')
            if printed == row[column]:
                report.covered.add((number, printed))


def check_source_lines(c, ds, columns, reports):
    header = ds.header or []
    if 'source.line' not in header:
        return
    figures = [h for h in header if columns.get(h) in ('integer', 'percentage', 'number') and h not in ('year',)]
    # Every row, and every other citation of it (a `+` line: the row's data with that line's source cells).
    entries = []
    for number, cells in ds.rows:
        entries.append((number, number, cells))
        for plus, plus_cells in ds.citations.get(number, []):
            entries.append((plus, number, [p if h.startswith('source.') else cell
                                           for h, cell, p in zip(header, cells, plus_cells)]))
    if 'eenheid' in header:
        facts = {}
        for number, cells in ds.rows:
            row = dict(zip(header, cells))
            key = (row['year'], row['waarde'], row['eenheid'])
            if key in facts and key not in DISTINCT_FACTS:
                c.check(False, f'{ds.name}:{number}',
                        f'rows {facts[key]} and {number} give the same figure {key}: one fact is one row (cite the '
                        'other place on a `+` line), or DISTINCT_FACTS says why they differ')
            facts.setdefault(key, number)
        for key in DISTINCT_FACTS:
            c.check(sum(1 for _, cells in ds.rows if tuple(cells[header.index(h)] for h in ('year', 'waarde', 'eenheid'))
                        == key) > 1, f'DISTINCT_FACTS {key}', 'no longer shared by two rows')
    for number, row_number, cells in entries:
        row = dict(zip(header, cells))
        at = f'{ds.name}:{number}'
        report = reports.get(row.get('source.report') or ds.prop('@report'))
        if not c.check(report is not None, at, f'report {row.get("source.report")!r} is not in Seeds/'):
            continue
        if not c.check(row['source.line'].isdigit() and report.line(int(row['source.line'])) is not None,
                       at, f'source.line {row["source.line"]!r} is not a line of {report.name}'):
            continue
        line_number = int(row['source.line'])
        line = report.line(line_number)
        where = f'{at} ({report.name}:{line_number})'
        if c.check('source.text' in row, where, 'a row with source.line needs source.text'):
            c.check(row['source.text'] == line.rstrip(), where,
                    f'source.text differs from the report line: {row["source.text"]!r} is printed as {line.rstrip()!r}')
        previous = report.line(line_number - 1) or ''
        following = report.line(line_number + 1) or ''
        words = row.get('source.words', '')
        for column in figures:
            value = row[column]
            if value == '':
                continue
            digits = [m.span() for m in re.finditer(r'(?<![\w.,\-])' + re.escape(value) + r'(?!\d|[.,]\d)', line)]
            if words:
                # The figure in words: the words stand in the line, and the first of them is the value.
                spans = [m.span() for m in re.finditer(r'(?<!\w)' + re.escape(words) + r'(?!\w)', line, re.IGNORECASE)]
                c.check(bool(spans), where, f'source.words {words!r} do not stand in the line: {line.strip()!r}')
                c.check(words.split()[0].lower() in WORD_VALUES.get(value, []), where,
                        f'source.words {words!r} do not say {value!r} (WORD_VALUES)')
                c.check(not digits, where, f'{value!r} is printed in digits; source.words is for figures in words')
            else:
                spans = digits
                if not c.check(bool(spans), where, f'{column} {value!r} does not stand in the line: {line.strip()!r}'
                               + (' (a figure in words needs source.words)' if find_figure(value, line) else '')):
                    continue
            if not spans:
                continue
            report.covered.add((line_number, value.lstrip('-')))
            for start, end in spans:
                # Each number word inside the figure's span is used too: "een" and "derde" of "een derde".
                starts = [start] + [start + m.start() for m in NUMBER_WORD_RE.finditer(line[start:end])]
                for first in starts:
                    other = report.covered_at.setdefault((line_number, first), (ds.name, row_number))
                    c.check(other == (ds.name, row_number), where,
                            f'the figure at column {first + 1} is used by {other[0]}:{other[1]} too: one figure, one row')
            if 'eenheid' in row:
                # A unit word right after the figure (its first word) is the row's eenheid: vijf jaar, een derde.
                start, end = spans[0]
                first_end = start + len(words.split()[0]) if words else end
                after = (line[first_end:] + ' ' + following).split()
                unit = re.sub(r'[^\w]+$', '', after[0]).lower() if after else ''
                if unit in UNIT_WORDS:
                    c.check(row['eenheid'] == UNIT_WORDS[unit], where,
                            f'{value!r} is followed by {unit!r}, so eenheid is {UNIT_WORDS[unit]!r}, not {row["eenheid"]!r}')
            if column == 'waarde':
                # The qualifier stands right before the figure, perhaps at the end of the previous line.
                joined = previous.rstrip() + ' ' + line
                offset = len(previous.rstrip()) + 1
                before = [joined[:offset + s].rstrip().lower() for s, _ in spans]
                qualifier = row.get('kwalificatie', '')
                if qualifier:
                    c.check(any(b.endswith(qualifier) and not b[:-len(qualifier)][-1:].isalpha() for b in before),
                            where, f'qualifier {qualifier!r} does not stand right before {value!r}')
                else:
                    stated = [q for q in QUALIFIERS for b in before
                              if b.endswith(q) and not b[:-len(q)][-1:].isalpha()]
                    c.check(not stated, where, f'the report says {stated} before {value!r}; kwalificatie is empty')
        text_column = PRINTED_TEXT.get(ds.name)
        if text_column:
            c.check(row[text_column] in line, where, f'{text_column} {row[text_column]!r} not printed in the line')
        if ds.name == 'nationaliteiten':
            check_nationality(c, ds, row, report, line_number, where)
        if ds.name == 'personeel':
            c.check(' fte' in line, where, 'the line does not give the figure in fte')
            # A growth is not a level: a line that says the figure rose or fell gives groei_fte, else fte.
            growth = re.search(r'gestegen|gedaald|stijging|daling|groei', line) is not None
            c.check(bool(row.get('groei_fte')) == growth, where,
                    'a growth (gestegen, gedaald) belongs in groei_fte, a level in fte')
        if 'source.sentence' in row:
            sentence = row['source.sentence']
            c.check(sentence == normalise(sentence), where, 'source.sentence is not on one line with single spaces')
            found = report.occurrences(sentence)
            whole = report.sentences(sentence)
            c.check(any(first <= line_number <= last for first, last in whole), where,
                    f'source.sentence does not occur in the report around this line: {sentence!r}' if not found else
                    f'source.sentence occurs, but not as a whole sentence at line {line_number}: {sentence!r}')
            for column in figures:
                if row[column]:
                    c.check(bool(find_figure(row[column], sentence)), where, f'{row[column]!r} not in source.sentence')
            if words:
                c.check(words.lower() in sentence.lower(), where, f'source.words {words!r} not in source.sentence')
            if not re.search(r'[.!?][”’)]?$', sentence):
                # Not a sentence but a heading: then the whole heading of the section.
                heading = re.sub(r'^\d{2}/\d{2} ', '', row.get('source.section', ''))
                c.check(sentence == heading, where,
                        f'source.sentence does not end a sentence, and is not the heading {heading!r}')
        if 'source.section' in row:
            check_section(c, report, row['source.section'], line_number, where)
        elif ds.name in ('financien', 'personeel'):
            check_section(c, report, ds.prop('@section'), line_number, where)
        # The year the figure is about: the report's year, or one stated in the sentence or the table title.
        context = row.get('source.sentence', '') + ' ' + (ds.prop('@table') or '') + ' ' + \
            ' '.join(report.line(n) or '' for n in range(line_number - 2, line_number + 1))
        c.check(row['year'] == str(report.year) or re.search(r'\b' + row['year'] + r'\b', context), where,
                f'year {row["year"]} is neither the report year nor stated with the figure')


def section_starts(report):
    """The lines on which a section starts."""
    starts = {n for n, line in enumerate(report.lines, start=1) if re.fullmatch(r'\s*\d{2}/\d{2}\s*', line)}
    for heading in HEADINGS.get(report.year, []):
        found = [first for first, _, at_start in report.occurrences(heading) if at_start]
        starts.update(found[:1])
    return sorted(starts)


def check_section(c, report, section, line_number, where):
    """The section is the heading of the last section that starts before the line."""
    before = [n for n in section_starts(report) if n <= line_number]
    found = [first for first, _, at_start in report.occurrences(section or '') if at_start]
    c.check(bool(before) and before[-1] in found, where,
            f'section {section!r} is not the heading of the section of this line'
            + (f' (that starts on line {before[-1]}: {report.line(before[-1]).strip()!r})' if before else ''))


def check_nationality(c, ds, row, report, line_number, where):
    m = re.fullmatch(r'\s*(\d+)\.\s+(\S.*?)\s*', report.line(line_number))
    if not c.check(m is not None, where, 'the line is not a numbered list item'):
        return
    c.check(m.group(1) == row['rang'] and m.group(2) == row['nationaliteit'], where,
            f'the line says {m.group(1)}. {m.group(2)}, the data {row["rang"]}. {row["nationaliteit"]}')
    # The list title above it names the category; a title without one belongs to the table right above it.
    title_line = next((n for n in range(line_number - 1, 0, -1)
                       if report.line(n).strip().startswith('Top 3 nationaliteiten inwilligingen')), None)
    if not c.check(title_line is not None and line_number - title_line <= 3, where, 'no Top 3 title above'):
        return
    category = report.line(title_line).strip()[len('Top 3 nationaliteiten inwilligingen'):].strip(' :')
    if not category:
        table = next((n for n in range(title_line - 1, 0, -1) if report.line(n).strip().startswith('Cijfers ')), None)
        category = re.match(r'Cijfers ([^:]+):', report.line(table).strip()).group(1) if table else ''
    expected = DATASET_TABLES.get(row['categorie'], '')
    c.check(category == expected, where,
            f'the list is for {category!r}, but categorie {row["categorie"]} is {expected!r}')


def check_coverage(c, report):
    """Every number and figure word of the report is used by a row, is a date or a year, or is listed as skipped."""
    for number, line in enumerate(report.lines, start=1):
        dates = {m.span() for m in re.finditer(r'\b\d{2}/\d{2}\b', line)}
        for m in NUMBER_RE.finditer(line):
            token = m.group().lstrip('-')
            where = f'{report.name}:{number}'
            if any(s <= m.start() < e for s, e in dates):
                continue
            if re.fullmatch(r'(19[89]\d|20[0-3]\d)', token) and not (number, token) in report.covered:
                continue   # a year used as a date
            if re.match(r'\s+(' + MONTHS + r')\b', line[m.end():]):
                continue   # a day of a date
            key = (report.year, number, token)
            if key in SKIPPED:
                c.check((number, token) not in report.covered, where, f'{token!r} is both used and in SKIPPED')
                continue
            c.check((number, token) in report.covered, where,
                    f'the figure {token!r} is in no dataset and not in SKIPPED: {line.strip()!r}')
        for m in NUMBER_WORD_RE.finditer(line):
            word = m.group().lower()
            where = f'{report.name}:{number}'
            key = (report.year, number, word)
            if word == 'miljoen' and re.search(r'\d\s+miljoen', line[:m.end()]) and \
                    (number, re.search(r'([\d.,]+)\s+miljoen$', line[:m.end()]).group(1)) in report.covered:
                continue   # the unit of a covered figure
            if key in SKIPPED_WORDS:
                c.check((number, m.start()) not in report.covered_at, where, f'{word!r} is both used and in SKIPPED_WORDS')
                continue
            c.check((number, m.start()) in report.covered_at, where,
                    f'the number word {m.group()!r} is in no dataset and not in SKIPPED_WORDS: {line.strip()!r}')
    for year, number, token in SKIPPED:
        if year == report.year:
            c.check(token in [t.lstrip('-') for t in NUMBER_RE.findall(report.line(number) or '')],
                    f'SKIPPED {(year, number, token)}', 'the skipped figure is not in that line')
    for year, number, word in SKIPPED_WORDS:
        if year == report.year:
            c.check(word in [m.group().lower() for m in NUMBER_WORD_RE.finditer(report.line(number) or '')],
                    f'SKIPPED_WORDS {(year, number, word)}', 'the skipped word is not a number word of that line')


def check_glossary(c):
    got = read_tsv(c, GLOSSARY, 'glossary.tsv')
    if not got:
        return
    properties, header, rows = got
    c.check(not properties, 'glossary.tsv', 'glossary.tsv has no @properties')
    c.check(header == ['term', 'english', 'subject', 'nl', 'en'], 'glossary.tsv:header',
            f'header must be term, english, subject, nl, en, not {header}')
    terms = set()
    subjects = {}
    for number, cells in rows:
        at = f'glossary.tsv:{number}'
        term, english, subject, nl, en = (cells + [''] * 5)[:5]
        c.check(term != '' and term == term.lower(), at, f'term {term!r} must be lower case')
        c.check(term not in terms, at, f'term {term!r} twice')
        c.check(all((english, subject, nl, en)), at, f'{term}: english, subject, nl and en are all required')
        for text in (nl, en):
            c.check(text[-1:] in ('.', '!', '?', ')'), at, f'{term}: a definition is a sentence: {text!r}')
        terms.add(term)
        subjects.setdefault(subject, at)
    for subject, at in subjects.items():
        c.check(subject in terms, at, f'the subject {subject!r} is not itself a term')
    for term in REQUIRED_TERMS + sorted(QUALIFIERS) + sorted(UNITS):
        c.check(term in terms, 'glossary.tsv', f'the term {term!r} is not explained')


DATASET_TABLES = {}


def main():
    verbose = '-v' in sys.argv[1:]
    c = Checker()
    reports = {}
    for file in sorted(os.listdir(SEEDS)):
        m = re.fullmatch(r'ind-jaarverslag-(\d{4})\.txt', file)
        if m:
            report = Report(f'IND Jaarverslag {m.group(1)}', os.path.join(SEEDS, file))
            reports[report.name] = report
    c.check(set(reports) == {'IND Jaarverslag 2021', 'IND Jaarverslag 2022'}, SEEDS, f'reports: {sorted(reports)}')

    columns = load_columns(c)
    files = sorted(f for f in os.listdir(DATA) if f != 'columns.tsv')
    c.check(sorted(f[:-4] for f in files) == sorted(ALL_DATASETS), DATA, f'dataset files {files}')
    datasets = []
    for file in files:
        if not c.check(file.endswith('.tsv'), file, 'not a .tsv file'):
            continue
        got = read_tsv(c, os.path.join(DATA, file), file)
        if got:
            datasets.append(Dataset(file[:-4], *got))
    for ds in datasets:
        table = ds.prop('@table') or ''
        if table.startswith('Cijfers '):
            DATASET_TABLES[ds.name] = table[len('Cijfers '):]
    used = set()
    for ds in datasets:
        check_dataset(c, ds, columns, reports, used)
        check_source_lines(c, ds, columns, reports)
    for column in columns:
        c.check(column in used, 'columns.tsv', f'column {column} is used by no dataset')
    for report in reports.values():
        check_coverage(c, report)
    check_glossary(c)

    for failure in c.failures:
        print('FAIL ' + failure)
    if verbose:
        for report in reports.values():
            print(f'{report.name}: {len(report.covered)} figures used')
    print(f'{c.passed} passed, {len(c.failures)} failed')
    return 1 if c.failures else 0


if __name__ == '__main__':
    sys.exit(main())
