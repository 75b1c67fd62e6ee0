//! The SQLite and PostgreSQL migrations build the same schema: after migrating a fresh
//! database of each kind, both have the same tables with the same column names. Generic
//! (read from the catalogues), so every new migration pair is checked without listing it.

use crate::common::TestDb;
use app::store::Db;
use std::collections::{BTreeMap, BTreeSet};

/// Table name → column names, without sqlx's own bookkeeping table.
type Schema = BTreeMap<String, BTreeSet<String>>;

const MIGRATIONS_TABLE: &str = "_sqlx_migrations";

fn collect(rows: Vec<(String, String)>) -> Schema {
    let mut schema = Schema::new();
    for (table, column) in rows {
        // SQLite keeps names as written, PostgreSQL folds unquoted ones to lower case
        let table = table.to_lowercase();
        if table != MIGRATIONS_TABLE {
            schema
                .entry(table)
                .or_default()
                .insert(column.to_lowercase());
        }
    }
    schema
}

async fn schema_of(db: &Db) -> Schema {
    let rows: Vec<(String, String)> = match db {
        Db::Sqlite(pool) => sqlx::query_as(
            "SELECT m.name, c.name FROM sqlite_master m, pragma_table_info(m.name) c \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
        )
        .fetch_all(pool)
        .await
        .expect("read the SQLite catalogue"),
        Db::Postgres(pool) => sqlx::query_as(
            "SELECT c.table_name::text, c.column_name::text \
             FROM information_schema.columns c \
             JOIN information_schema.tables t \
               ON t.table_schema = c.table_schema AND t.table_name = c.table_name \
             WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'",
        )
        .fetch_all(pool)
        .await
        .expect("read the PostgreSQL catalogue"),
    };
    collect(rows)
}

/// Lines describing how `a` and `b` differ (empty when they are the same).
fn differences(a: &Schema, b: &Schema) -> Vec<String> {
    let mut out = Vec::new();
    let tables: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    for table in tables {
        match (a.get(table), b.get(table)) {
            (Some(_), None) => out.push(format!("table {table}: only on SQLite")),
            (None, Some(_)) => out.push(format!("table {table}: only on PostgreSQL")),
            (Some(x), Some(y)) => {
                for c in x.difference(y) {
                    out.push(format!("{table}.{c}: only on SQLite"));
                }
                for c in y.difference(x) {
                    out.push(format!("{table}.{c}: only on PostgreSQL"));
                }
            }
            (None, None) => {}
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[cfg_attr(skip_pg, ignore = "PostgreSQL skipped (TAFELRONDE_SKIP_PG=1)")]
async fn sqlite_and_postgres_migrations_give_the_same_tables_and_columns() {
    let (lite, pg) = (TestDb::sqlite(), TestDb::postgres().await);
    let lite_db = Db::connect(&lite.url).await.expect("migrate SQLite");
    let pg_db = Db::connect(&pg.url).await.expect("migrate PostgreSQL");
    let (a, b) = (schema_of(&lite_db).await, schema_of(&pg_db).await);
    lite_db.close().await;
    pg_db.close().await;
    lite.cleanup().await;
    pg.cleanup().await;

    assert!(!a.is_empty(), "no table after migrating SQLite");
    assert!(!b.is_empty(), "no table after migrating PostgreSQL");
    let diff = differences(&a, &b);
    assert!(
        diff.is_empty(),
        "the SQLite and PostgreSQL schemas differ:\n  {}",
        diff.join("\n  ")
    );
}

#[test]
fn differences_names_missing_tables_and_columns() {
    let schema = |t: &[(&str, &[&str])]| -> Schema {
        t.iter()
            .map(|(n, cs)| (n.to_string(), cs.iter().map(|c| c.to_string()).collect()))
            .collect()
    };
    let a = schema(&[("events", &["id", "slug"]), ("only_a", &["id"])]);
    let b = schema(&[("events", &["id", "title"])]);
    assert_eq!(
        differences(&a, &b),
        [
            "events.slug: only on SQLite",
            "events.title: only on PostgreSQL",
            "table only_a: only on SQLite",
        ]
    );
    assert!(differences(&a, &a).is_empty());
}
