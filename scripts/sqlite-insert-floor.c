/*
 * sqlite-insert-floor: what SQLite itself costs to store SpeedLab's samples, without Swift.
 *
 * Creates a fresh database with the `sample` table's columns and constraints, then inserts
 * rows through one prepared statement bound with sqlite3_bind_*, as RunStore.record does, and
 * prints the seconds the inserts took. docs/performance.md compares its figures with
 * `speedlab-bench store`.
 *
 *   cc -O2 -o /tmp/sqlite-insert-floor scripts/sqlite-insert-floor.c -lsqlite3
 *   /tmp/sqlite-insert-floor [--table unique|none|without-rowid] [--sorted] [--page-size BYTES]
 *                            [--rows N] [--points N] [--batch N] [--json] [--db PATH]
 *
 * --table unique         SpeedLab's: rowid table, UNIQUE (pointId, isWarmup, repetition),
 *                        INSERT ... ON CONFLICT DO NOTHING (the default)
 * --table none           the same table without the uniqueness constraint
 * --table without-rowid  that key as the primary key of a WITHOUT ROWID table
 * --sorted               rows in key order instead of interleaved over the points (one
 *                        repetition of every point, then the next, as rounds store them)
 * --batch N              rows per transaction (default: all in one)
 * --json                 a two-metric JSON object on every row instead of NULL
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static void check(int code, sqlite3 *db, const char *what) {
    if (code != SQLITE_OK && code != SQLITE_DONE && code != SQLITE_ROW) {
        fprintf(stderr, "error: %s: %s\n", what, sqlite3_errmsg(db));
        exit(1);
    }
}

static void run(sqlite3 *db, const char *sql) { check(sqlite3_exec(db, sql, 0, 0, 0), db, sql); }

int main(int argc, char **argv) {
    const char *table = "unique", *path = "/tmp/sqlite-insert-floor.sqlite";
    int sorted = 0, json = 0, page_size = 4096;
    long rows = 1000000, points = 1000, batch = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--table") && i + 1 < argc) table = argv[++i];
        else if (!strcmp(argv[i], "--sorted")) sorted = 1;
        else if (!strcmp(argv[i], "--json")) json = 1;
        else if (!strcmp(argv[i], "--page-size") && i + 1 < argc) page_size = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--rows") && i + 1 < argc) rows = atol(argv[++i]);
        else if (!strcmp(argv[i], "--points") && i + 1 < argc) points = atol(argv[++i]);
        else if (!strcmp(argv[i], "--batch") && i + 1 < argc) batch = atol(argv[++i]);
        else if (!strcmp(argv[i], "--db") && i + 1 < argc) path = argv[++i];
        else {
            fprintf(stderr, "error: unknown argument %s (see the comment at the top of this file)\n", argv[i]);
            return 64;
        }
    }
    if (strcmp(table, "unique") && strcmp(table, "none") && strcmp(table, "without-rowid")) {
        fprintf(stderr, "error: --table %s: expected unique, none or without-rowid\n", table);
        return 64;
    }
    if (rows <= 0 || points <= 0 || rows % points != 0) {
        fprintf(stderr, "error: --rows must be a positive multiple of --points\n");
        return 64;
    }
    if (batch <= 0) batch = rows;

    char name[4096];
    unlink(path);
    snprintf(name, sizeof name, "%s-wal", path);
    unlink(name);
    snprintf(name, sizeof name, "%s-shm", path);
    unlink(name);

    sqlite3 *db;
    check(sqlite3_open(path, &db), db, "open");
    char sql[4096];
    snprintf(sql, sizeof sql,
             "PRAGMA page_size = %d; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
             "PRAGMA cache_size = -16384; PRAGMA foreign_keys = ON;"
             "CREATE TABLE point (id INTEGER PRIMARY KEY);",
             page_size);
    run(db, sql);
    run(db, "BEGIN");
    sqlite3_stmt *point;
    check(sqlite3_prepare_v2(db, "INSERT INTO point (id) VALUES (?)", -1, &point, 0), db, "prepare point");
    for (long id = 1; id <= points; id++) {
        sqlite3_bind_int64(point, 1, id);
        check(sqlite3_step(point), db, "insert point");
        sqlite3_reset(point);
    }
    sqlite3_finalize(point);
    run(db, "COMMIT");

    const char *columns =
        "pointId INTEGER NOT NULL REFERENCES point(id) ON DELETE CASCADE, repetition INTEGER NOT NULL,"
        "isWarmup INTEGER NOT NULL CHECK (isWarmup IN (0, 1)), wallNanos INTEGER NOT NULL,"
        "userNanos INTEGER NOT NULL, systemNanos INTEGER NOT NULL, voluntarySwitches INTEGER NOT NULL,"
        "involuntarySwitches INTEGER NOT NULL, peakRSSBytes INTEGER NOT NULL, checksum INTEGER NOT NULL,"
        "metrics TEXT";
    if (!strcmp(table, "unique"))
        snprintf(sql, sizeof sql,
                 "CREATE TABLE sample (id INTEGER PRIMARY KEY, %s, UNIQUE (pointId, isWarmup, repetition)) STRICT",
                 columns);
    else if (!strcmp(table, "none"))
        snprintf(sql, sizeof sql, "CREATE TABLE sample (id INTEGER PRIMARY KEY, %s) STRICT", columns);
    else
        snprintf(sql, sizeof sql,
                 "CREATE TABLE sample (%s, PRIMARY KEY (pointId, isWarmup, repetition)) STRICT, WITHOUT ROWID",
                 columns);
    run(db, sql);

    const char *insert = strcmp(table, "none")
        ? "INSERT INTO sample (pointId, repetition, isWarmup, wallNanos, userNanos, systemNanos,"
          " voluntarySwitches, involuntarySwitches, peakRSSBytes, checksum, metrics)"
          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (pointId, isWarmup, repetition) DO NOTHING"
        : "INSERT INTO sample (pointId, repetition, isWarmup, wallNanos, userNanos, systemNanos,"
          " voluntarySwitches, involuntarySwitches, peakRSSBytes, checksum, metrics)"
          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    const char *metrics = "{\"metric_0\":0,\"metric_1\":1}";
    long repetitions = rows / points;

    double start = now_seconds();
    for (long first = 0; first < rows; first += batch) {
        run(db, "BEGIN");
        sqlite3_stmt *statement;
        check(sqlite3_prepare_v2(db, insert, -1, &statement, 0), db, "prepare sample");
        for (long row = first; row < first + batch && row < rows; row++) {
            long point_id = sorted ? row / repetitions + 1 : row % points + 1;
            long repetition = sorted ? row % repetitions : row / points;
            sqlite3_bind_int64(statement, 1, point_id);
            sqlite3_bind_int64(statement, 2, repetition);
            sqlite3_bind_int64(statement, 3, 0);
            sqlite3_bind_int64(statement, 4, 1000000 + row);
            sqlite3_bind_int64(statement, 5, 500000);
            sqlite3_bind_int64(statement, 6, 10000);
            sqlite3_bind_int64(statement, 7, 3);
            sqlite3_bind_int64(statement, 8, 1);
            sqlite3_bind_int64(statement, 9, 10L << 20);
            sqlite3_bind_int64(statement, 10, row);
            if (json) sqlite3_bind_text(statement, 11, metrics, -1, SQLITE_STATIC);
            else sqlite3_bind_null(statement, 11);
            check(sqlite3_step(statement), db, "insert sample");
            sqlite3_reset(statement);
        }
        sqlite3_finalize(statement);
        run(db, "COMMIT");
    }
    double seconds = now_seconds() - start;
    printf("sqlite %s, table %s%s, %d-byte pages, %ld rows over %ld points, %ld per transaction%s: "
           "%.2f s = %.0f rows/s\n",
           sqlite3_libversion(), table, sorted ? " (rows sorted by key)" : "", page_size, rows, points, batch,
           json ? ", JSON metrics" : "", seconds, rows / seconds);
    sqlite3_close(db);
    return 0;
}
