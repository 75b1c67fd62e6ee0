//! Build script: turns `TAFELRONDE_SKIP_PG=1` at build time into the `skip_pg` cfg, under
//! which the integration tests mark their PostgreSQL variants `#[ignore]` (reported as
//! ignored with the reason) instead of failing because PostgreSQL is unreachable.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(skip_pg)");
    println!("cargo::rerun-if-env-changed=TAFELRONDE_SKIP_PG");
    println!("cargo::rerun-if-changed=build.rs");
    if std::env::var("TAFELRONDE_SKIP_PG").is_ok_and(|v| v == "1") {
        println!("cargo::rustc-cfg=skip_pg");
    }
}
