-- whimbrel store schema, version 3 (see docs/schema.md). Version 2 added the places table and
-- the GDELT-style geo columns at the end of events; version 3 the normalised event dates
-- (date_start, date_end, date_precision) at the end of events and the reviews table. A
-- version 1 or 2 file is upgraded in place.
-- Offsets are [start, "end") character offsets into articles.body.
CREATE TABLE IF NOT EXISTS schema_info (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR
);

CREATE TABLE IF NOT EXISTS runs (
    run_id           VARCHAR PRIMARY KEY,
    started_at       TIMESTAMP,
    finished_at      TIMESTAMP,
    whimbrel_version VARCHAR,
    model            VARCHAR,
    inputs           VARCHAR[],
    n_read           INTEGER,
    n_stored         INTEGER,
    n_duplicate      INTEGER,
    n_rejected       INTEGER,
    seconds          DOUBLE
);

CREATE TABLE IF NOT EXISTS articles (
    id          VARCHAR PRIMARY KEY,   -- sha256(source + U+001F + body), hex
    source      VARCHAR,
    url         VARCHAR,
    title       VARCHAR,
    author      VARCHAR,
    published   VARCHAR,               -- ISO 8601 as given: 2023-05-05T08:30 or 2023-05-05
    published_date DATE,               -- its date part, for range queries
    dateline    VARCHAR,
    credit      VARCHAR[],
    language    VARCHAR,
    tags        VARCHAR[],
    body        VARCHAR,
    paragraphs  INTEGER[][],           -- [[start, end], ...]
    sentences   INTEGER[][],
    text_start  INTEGER,               -- where the text after the dateline begins
    origin      VARCHAR,               -- path or path#row=N of the first input it came from
    producers   VARCHAR[],
    run_id      VARCHAR,
    stored_at   TIMESTAMP,
    story_id    VARCHAR                -- story cluster: id of its first article (see story_members)
);

-- Story clusters (whimbrel.dedup): every article is kept and linked to the story it tells;
-- exact duplicates by body hash, near duplicates by MinHash/LSH of 5-word shingles.
CREATE TABLE IF NOT EXISTS story_members (
    article_id VARCHAR PRIMARY KEY,
    story_id   VARCHAR,
    how        VARCHAR,               -- first, exact, near
    body_hash  VARCHAR,               -- sha256 of the whitespace-normalised body
    minhash    UBIGINT[]              -- MinHash signature (128 values), NULL for exact duplicates
);

CREATE OR REPLACE VIEW stories AS
SELECT story_id, count(*) AS n_articles, count(DISTINCT source) AS n_sources,
       list(DISTINCT source ORDER BY source) AS sources, min(published) AS first_published,
       arg_min(title, stored_at) AS title
FROM articles GROUP BY story_id;

CREATE TABLE IF NOT EXISTS entities (
    article_id VARCHAR,
    start      INTEGER,
    "end"      INTEGER,
    text       VARCHAR,
    label      VARCHAR,               -- spaCy/OntoNotes label: PERSON, ORG, GPE, NORP, ...
    PRIMARY KEY (article_id, start, "end", label)
);

CREATE TABLE IF NOT EXISTS rejects (
    id          VARCHAR PRIMARY KEY,  -- hash of origin + code + detail: the same reject is kept once
    origin      VARCHAR,
    code        VARCHAR,              -- W1xx, see whimbrel.errors
    reason      VARCHAR,
    detail      VARCHAR,
    stage       VARCHAR,              -- ingest, extract, annotate:<layer>
    run_id      VARCHAR,
    rejected_at TIMESTAMP
);

CREATE TABLE IF NOT EXISTS timexes (
    article_id VARCHAR,
    start      INTEGER,
    "end"      INTEGER,
    text       VARCHAR,
    value      VARCHAR,               -- ISO 8601 at the text's precision, NULL if unresolved
    mod        VARCHAR,               -- START / MID / END
    type       VARCHAR,               -- DATE, TIME
    producer   VARCHAR,
    PRIMARY KEY (article_id, start, "end")
);

CREATE TABLE IF NOT EXISTS actors (
    article_id VARCHAR,
    start      INTEGER,
    "end"      INTEGER,
    text       VARCHAR,
    name       VARCHAR,
    code       VARCHAR,               -- "CHN GOV", "IGO", "--- MED"
    country    VARCHAR,               -- ISO 3166-1 alpha-3 or IGO
    role       VARCHAR,               -- CAMEO role code
    title      VARCHAR,
    kind       VARCHAR,               -- person, org, state, agent
    antecedent_start INTEGER,
    antecedent_end   INTEGER,
    producer   VARCHAR,
    PRIMARY KEY (article_id, start, "end")
);

CREATE TABLE IF NOT EXISTS quotes (
    article_id    VARCHAR,
    start         INTEGER,
    "end"         INTEGER,
    text          VARCHAR,
    kind          VARCHAR,            -- direct, indirect, mixed
    cue           VARCHAR,
    cue_start     INTEGER,
    cue_end       INTEGER,
    speaker       VARCHAR,
    speaker_code  VARCHAR,
    speaker_start INTEGER,
    speaker_end   INTEGER,
    producer      VARCHAR,
    PRIMARY KEY (article_id, start, "end")
);

CREATE TABLE IF NOT EXISTS events (
    article_id     VARCHAR,
    event_no       INTEGER,           -- order within the article
    plover         VARCHAR,           -- PLOVER event type
    mode           VARCHAR,           -- PLOVER mode
    cameo          VARCHAR,           -- CAMEO event code, 3-4 digits
    cameo_root     VARCHAR,
    quad_class     INTEGER,           -- 1..4
    goldstein      DOUBLE,            -- -10..+10
    source_start   INTEGER,
    source_end     INTEGER,
    source_text    VARCHAR,
    source_name    VARCHAR,
    source_code    VARCHAR,
    target_start   INTEGER,
    target_end     INTEGER,
    target_text    VARCHAR,
    target_name    VARCHAR,
    target_code    VARCHAR,
    date           VARCHAR,           -- ISO 8601 at the precision of the governing timex
    date_basis     VARCHAR,           -- text | dct
    location_text  VARCHAR,
    location_country VARCHAR,
    location_start INTEGER,
    location_end   INTEGER,
    evidence_start INTEGER,
    evidence_end   INTEGER,
    evidence_text  VARCHAR,
    sentence_start INTEGER,
    sentence_end   INTEGER,
    cue            VARCHAR,
    rule           VARCHAR,
    confidence     DOUBLE,
    producer       VARCHAR,
    -- version 2: GDELT-style geography (ActionGeo, Actor1Geo, Actor2Geo); the action's text
    -- offsets are location_start/location_end. type: 1 country, 2 US state, 3 US city,
    -- 4 world city, 5 world state; country ISO 3166-1 alpha-3, fips FIPS 10-4; feature_id GeoNames id
    action_geo_type INTEGER,
    action_geo_fullname VARCHAR,
    action_geo_country VARCHAR,
    action_geo_fips VARCHAR,
    action_geo_adm1 VARCHAR,
    action_geo_lat DOUBLE,
    action_geo_long DOUBLE,
    action_geo_feature_id BIGINT,
    location_basis VARCHAR,           -- clause | sentence | episode | dateline | article; NULL: no place
    actor1_geo_type INTEGER,
    actor1_geo_fullname VARCHAR,
    actor1_geo_country VARCHAR,
    actor1_geo_fips VARCHAR,
    actor1_geo_adm1 VARCHAR,
    actor1_geo_lat DOUBLE,
    actor1_geo_long DOUBLE,
    actor1_geo_feature_id BIGINT,
    actor1_geo_start INTEGER,
    actor1_geo_end INTEGER,
    actor2_geo_type INTEGER,
    actor2_geo_fullname VARCHAR,
    actor2_geo_country VARCHAR,
    actor2_geo_fips VARCHAR,
    actor2_geo_adm1 VARCHAR,
    actor2_geo_lat DOUBLE,
    actor2_geo_long DOUBLE,
    actor2_geo_feature_id BIGINT,
    actor2_geo_start INTEGER,
    actor2_geo_end INTEGER,
    -- version 3: the days the ISO 8601 `date` covers, as DATEs, and its precision: day,
    -- month, year, week, quarter, half, season; all NULL when the event is undated
    date_start DATE,
    date_end DATE,
    date_precision VARCHAR,
    PRIMARY KEY (article_id, event_no)
);

-- Analyst reviews of coded events (whimbrel serve --review): one row per submission, newest
-- wins. verdict: correct | wrong | corrected; the corrected_* columns hold the analyst's
-- values (NULL: unchanged). Exported as gold by `whimbrel export --reviews-as-gold DIR`.
CREATE TABLE IF NOT EXISTS reviews (
    review_id          VARCHAR PRIMARY KEY,
    article_id         VARCHAR,
    event_no           INTEGER,
    verdict            VARCHAR,
    corrected_plover   VARCHAR,
    corrected_cameo    VARCHAR,
    corrected_source_code VARCHAR,
    corrected_target_code VARCHAR,
    corrected_date     VARCHAR,
    corrected_location_country VARCHAR,
    note               VARCHAR,
    reviewer           VARCHAR,
    reviewed_at        TIMESTAMP
);

-- Toponyms of the body (the place layer), resolved to GeoNames places.
CREATE TABLE IF NOT EXISTS places (
    article_id    VARCHAR,
    start         INTEGER,
    "end"         INTEGER,
    text          VARCHAR,
    geonameid     BIGINT,             -- GeoNames id, NULL for a curated place without one
    name          VARCHAR,
    fullname      VARCHAR,            -- "Paris, Texas, United States"
    feature_class VARCHAR,            -- GeoNames: A (country, state), P (city), H (water), L, T
    feature_code  VARCHAR,            -- PCLI, ADM1, PPL, ...
    geo_type      INTEGER,            -- GDELT: 1 country, 2 US state, 3 US city, 4 world city, 5 world state
    country       VARCHAR,            -- ISO 3166-1 alpha-3
    fips          VARCHAR,            -- FIPS 10-4 country code (GDELT)
    adm1          VARCHAR,            -- FIPS country + admin1 code: USTX, CH22
    lat           DOUBLE,
    lon           DOUBLE,
    kind          VARCHAR,            -- dateline | mention
    stands_for    VARCHAR,            -- government: an actor mention uses it for its government
    rule          VARCHAR,            -- only | container | context | prior
    score         DOUBLE,
    producer      VARCHAR,
    PRIMARY KEY (article_id, start, "end")
);

-- Event clusters: one real-world event reported by several articles (GDELT's NumMentions,
-- NumArticles, NumSources). The key is the event type, the dyad's actor codes, the date and
-- the location country; every mention stays in `events` with its evidence.
CREATE OR REPLACE VIEW event_clusters AS
WITH keyed AS (
    SELECT e.*, a.source AS outlet, a.story_id, a.published,
           -- an event with neither actor resolved is too vague to equate across stories: it
           -- joins only the same event (same position) in copies of the same story
           CASE WHEN e.source_code IS NULL AND e.target_code IS NULL
                THEN a.story_id || ':' || e.event_no ELSE '' END AS singleton
    FROM events e JOIN articles a ON a.id = e.article_id
)
SELECT md5(concat_ws('|', plover, coalesce(source_code, ''), coalesce(target_code, ''),
                     coalesce(date, ''), coalesce(location_country, ''), singleton)) AS cluster_id,
       plover, source_code, target_code, date, location_country,
       any_value(cameo ORDER BY confidence DESC) AS cameo,
       count(*) AS num_mentions,
       count(DISTINCT article_id) AS num_articles,
       count(DISTINCT outlet) AS num_sources,
       count(DISTINCT story_id) AS num_stories,
       list(evidence_text ORDER BY published, article_id, event_no) AS evidence,
       list(DISTINCT article_id) AS article_ids
FROM keyed
GROUP BY plover, source_code, target_code, date, location_country, singleton;
