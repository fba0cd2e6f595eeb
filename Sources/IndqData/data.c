// Embeds every file under datasets/, the glossary and the lessons into the binary. Add a new data file here and in
// Catalogue.swift; a new lesson here.
#include "IndqData.h"

#pragma clang diagnostic ignored "-Wc23-extensions"


static const char glossary_tsv[] = {
#embed "glossary.tsv"
, 0 };
static const char columns_tsv[] = {
#embed "datasets/columns.tsv"
, 0 };
static const char familie_en_gezin_tsv[] = {
#embed "datasets/familie_en_gezin.tsv"
, 0 };
static const char kennis_en_talent_tsv[] = {
#embed "datasets/kennis_en_talent.tsv"
, 0 };
static const char start_ups_tsv[] = {
#embed "datasets/start_ups.tsv"
, 0 };
static const char studenten_tsv[] = {
#embed "datasets/studenten.tsv"
, 0 };
static const char arbeidsmigranten_tsv[] = {
#embed "datasets/arbeidsmigranten.tsv"
, 0 };
static const char brexit_tsv[] = {
#embed "datasets/brexit.tsv"
, 0 };
static const char regulier_tsv[] = {
#embed "datasets/regulier.tsv"
, 0 };
static const char juridische_zaken_tsv[] = {
#embed "datasets/juridische_zaken.tsv"
, 0 };
static const char nationaliteiten_tsv[] = {
#embed "datasets/nationaliteiten.tsv"
, 0 };
static const char kerncijfers_tsv[] = {
#embed "datasets/kerncijfers.tsv"
, 0 };
static const char financien_tsv[] = {
#embed "datasets/financien.tsv"
, 0 };
static const char personeel_tsv[] = {
#embed "datasets/personeel.tsv"
, 0 };
// The lessons stay plain scripts in Examples/lessons/, where `indq --check` runs them; the prompt reads them from here.
static const char lesson_01[] = {
#embed "../../Examples/lessons/01-first-select.sql"
, 0 };
static const char lesson_02[] = {
#embed "../../Examples/lessons/02-where.sql"
, 0 };
static const char lesson_03[] = {
#embed "../../Examples/lessons/03-ordering.sql"
, 0 };
static const char lesson_04[] = {
#embed "../../Examples/lessons/04-percentages.sql"
, 0 };
static const char lesson_05[] = {
#embed "../../Examples/lessons/05-aggregates.sql"
, 0 };
static const char lesson_06[] = {
#embed "../../Examples/lessons/06-growth.sql"
, 0 };
static const char lesson_07[] = {
#embed "../../Examples/lessons/07-text-figures.sql"
, 0 };
static const char lesson_08[] = {
#embed "../../Examples/lessons/08-finances-and-staff.sql"
, 0 };

static const indq_data_file files[] = {
    {"glossary.tsv", glossary_tsv},
    {"columns.tsv", columns_tsv},
    {"familie_en_gezin.tsv", familie_en_gezin_tsv},
    {"kennis_en_talent.tsv", kennis_en_talent_tsv},
    {"start_ups.tsv", start_ups_tsv},
    {"studenten.tsv", studenten_tsv},
    {"arbeidsmigranten.tsv", arbeidsmigranten_tsv},
    {"brexit.tsv", brexit_tsv},
    {"regulier.tsv", regulier_tsv},
    {"juridische_zaken.tsv", juridische_zaken_tsv},
    {"nationaliteiten.tsv", nationaliteiten_tsv},
    {"kerncijfers.tsv", kerncijfers_tsv},
    {"financien.tsv", financien_tsv},
    {"personeel.tsv", personeel_tsv},
    {"lessons/01-first-select.sql", lesson_01},
    {"lessons/02-where.sql", lesson_02},
    {"lessons/03-ordering.sql", lesson_03},
    {"lessons/04-percentages.sql", lesson_04},
    {"lessons/05-aggregates.sql", lesson_05},
    {"lessons/06-growth.sql", lesson_06},
    {"lessons/07-text-figures.sql", lesson_07},
    {"lessons/08-finances-and-staff.sql", lesson_08},
};

const indq_data_file *indq_data_files(int *count) {
    *count = (int)(sizeof(files) / sizeof(files[0]));
    return files;
}
