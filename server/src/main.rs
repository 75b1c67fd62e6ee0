//! The `tafelronde` binary: `serve` (default) runs the web app; `seat` and
//! `bench-seating` run the seating engine from the command line; `bench-mail` measures
//! mail delivery and `bench-planner` the table planner; `purge` runs the privacy purge once; `coordinator add EMAIL` creates a
//! coordinator account and queues its invitation.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "tafelronde",
    version,
    about = "Networking sessions: registration, programme and table seating"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web app (configuration from the environment, see .env.example).
    Serve,
    /// Seat the participants of a table-assignment instance (JSON v1) and write the plan.
    Seat {
        /// Instance file (format table-assignment-instance/v1).
        #[arg(long)]
        instance: PathBuf,
        /// Where to write the plan (format table-assignment/v1).
        #[arg(long)]
        out: PathBuf,
        /// Time budget in seconds; without it a budget that suits the size is chosen.
        #[arg(long)]
        time_limit: Option<f64>,
        /// Random seed: the same seed and budget give the same search.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Run the seating benchmark over a folder of instances plus generated ones.
    BenchSeating {
        /// Folder of instances (default ../shared/bench/tables/instances).
        #[arg(long)]
        dir: Option<PathBuf>,
    },
    /// Queue mails in a temporary SQLite database and time the real worker delivering them
    /// to an SMTP server on 127.0.0.1 (start one first, or use `make bench-mail`).
    BenchMail {
        /// How many mails.
        #[arg(long, default_value_t = 2000)]
        count: usize,
        /// Port of the SMTP server on 127.0.0.1.
        #[arg(long, default_value_t = 1025)]
        smtp_port: u16,
        /// Mails sent at the same time.
        #[arg(long, default_value_t = 8)]
        concurrency: usize,
    },
    /// Time the table planner from confirmed registrations to a seating chart (fresh SQLite
    /// file, 3 rounds, tables of 8) for each number of people.
    BenchPlanner {
        /// Numbers of people.
        #[arg(long, value_delimiter = ',', default_value = "120,600")]
        people: Vec<usize>,
    },
    /// Purge the personal data of events that ended more than PRIVACY_PURGE_DAYS_AFTER_EVENT
    /// days ago (anonymous counts stay), and print what was purged.
    Purge {
        /// Print what would be purged, change nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Coordinator accounts (database from DATABASE_URL, like `serve`).
    Coordinator {
        #[command(subcommand)]
        action: CoordinatorCommand,
    },
}

#[derive(Subcommand)]
enum CoordinatorCommand {
    /// Create an account without a password (or keep the existing one) and queue an
    /// invitation mail with a link to set the password (valid 72 hours).
    Add {
        /// The coordinator's e-mail address.
        email: String,
        /// Language of the invitation: nl, en or fr.
        #[arg(long, default_value = "nl")]
        lang: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(),
        Command::Seat {
            instance,
            out,
            time_limit,
            seed,
        } => {
            if time_limit.is_some_and(|t| !(t.is_finite() && t > 0.0)) {
                eprintln!("tafelronde seat: --time-limit must be a positive number of seconds");
                return ExitCode::from(2);
            }
            report(app::seating::run_seat_cli(
                &instance, &out, time_limit, seed,
            ))
        }
        Command::BenchSeating { dir } => report(app::seating::run_bench_cli(dir.as_deref())),
        Command::BenchMail {
            count,
            smtp_port,
            concurrency,
        } => bench_mail(count, smtp_port, concurrency),
        Command::BenchPlanner { people } => bench_planner(&people),
        Command::Purge { dry_run } => purge(dry_run),
        Command::Coordinator {
            action: CoordinatorCommand::Add { email, lang },
        } => coordinator_add(&email, &lang),
    }
}

/// Runs a one-off command against `DATABASE_URL` (configuration from the environment, as for
/// `serve`) and closes the pool afterwards. A configuration error exits with 2 and names the
/// variable; a failure of the job exits with 1 after `<command>: <reason>`.
fn on_database<T>(
    command: &str,
    job: impl AsyncFnOnce(&app::config::Config, app::store::Db) -> Result<T, String>,
) -> Result<(app::config::Config, T), ExitCode> {
    let cfg = app::config::Config::from_env().map_err(|e| {
        eprintln!("tafelronde: {e}");
        ExitCode::from(2)
    })?;
    let result = tokio::runtime::Runtime::new()
        .map_err(|e| e.to_string())
        .and_then(|rt| {
            rt.block_on(async {
                let db = app::store::Db::connect(&cfg.database_url)
                    .await
                    .map_err(|e| e.to_string())?;
                let done = job(&cfg, db.clone()).await;
                db.close().await;
                done
            })
        });
    match result {
        Ok(done) => Ok((cfg, done)),
        Err(e) => {
            eprintln!("tafelronde {command}: {e}");
            Err(ExitCode::FAILURE)
        }
    }
}

fn coordinator_add(email: &str, lang: &str) -> ExitCode {
    let Some(lang) = app::i18n::Lang::parse(lang) else {
        eprintln!("tafelronde coordinator add: --lang must be nl, en or fr");
        return ExitCode::from(2);
    };
    let invited = on_database("coordinator add", async |cfg, db| {
        let wake = std::sync::Arc::new(tokio::sync::Notify::new());
        let outbox = app::kernel::outbox::Outbox::from_config(cfg, wake);
        app::accounts::service::Accounts { db, outbox }
            .invite(email, lang)
            .await
            .map_err(|e| e.to_string())
    });
    if let Err(code) = invited {
        return code;
    }
    println!(
        "Coordinator account {} ready without a password. An invitation with a link to \
         set the password (valid 72 hours) is queued in the outbox: the running server's \
         mail worker (`tafelronde serve`) sends it. Under `make run` it appears at \
         http://127.0.0.1:1080/api/email.",
        email.trim().to_lowercase()
    );
    ExitCode::SUCCESS
}

/// `tafelronde purge [--dry-run]`: one purge run against `DATABASE_URL`.
fn purge(dry_run: bool) -> ExitCode {
    init_logs();
    let purged = on_database("purge", async |cfg, db| {
        let wake = std::sync::Arc::new(tokio::sync::Notify::new());
        let regs = app::registration::service::Registrations::new(db, cfg, wake);
        app::privacy::service::Privacy::new(regs, cfg.privacy_purge_days_after_event)
            .purge_now(dry_run)
            .await
            .map_err(|e| e.to_string())
    });
    let (cfg, (limit, done)) = match purged {
        Ok(v) => v,
        Err(code) => return code,
    };
    let verb = if dry_run { "would purge" } else { "purged" };
    println!(
        "events that ended before {} ({} days ago): {} to purge",
        limit.format("%Y-%m-%d %H:%M UTC"),
        cfg.privacy_purge_days_after_event,
        done.len()
    );
    for e in &done {
        println!(
            "{verb} event {} ({}, ended {}): {} registrations, {} mails, {} links, {} speakers",
            e.event_id,
            e.slug,
            e.ends_at.format("%Y-%m-%d"),
            e.registrations,
            e.mails,
            e.links,
            e.speakers
        );
    }
    ExitCode::SUCCESS
}

fn bench_mail(count: usize, smtp_port: u16, concurrency: usize) -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "warn,sqlx=warn".into()),
        )
        .init();
    let result = tokio::runtime::Runtime::new()
        .map_err(|e| e.to_string())
        .and_then(|rt| {
            rt.block_on(app::mail::bench::run(count, smtp_port, concurrency))
                .map_err(|e| e.to_string())
        });
    match result {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("tafelronde bench-mail: {e}");
            ExitCode::FAILURE
        }
    }
}

fn bench_planner(people: &[usize]) -> ExitCode {
    let result = tokio::runtime::Runtime::new()
        .map_err(|e| e.to_string())
        .and_then(|rt| {
            rt.block_on(app::planner::bench::run(people))
                .map_err(|e| e.to_string())
        });
    match result {
        Ok(summary) => {
            print!("{summary}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("tafelronde bench-planner: {e}");
            ExitCode::FAILURE
        }
    }
}

fn report(result: Result<String, app::seating::SeatingError>) -> ExitCode {
    match result {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("tafelronde: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Logs: `RUST_LOG` filters (default: info, with one line per request),
/// `LOG_FORMAT=json` writes one JSON object per line instead of text.
fn init_logs() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| "info,sqlx=warn,tower_http=info".into());
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    match std::env::var("LOG_FORMAT").as_deref() {
        Ok("json") => builder.json().init(),
        Ok("text") | Err(_) => builder.init(),
        Ok(other) => {
            builder.init();
            tracing::warn!("LOG_FORMAT={other} is not json or text: using text");
        }
    }
}

fn serve() -> ExitCode {
    init_logs();
    let cfg = match app::config::Config::from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("tafelronde: {e}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("tafelronde: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async move {
        let running = match server::start(cfg).await {
            Ok(r) => r,
            Err(e) => {
                eprintln!("tafelronde: {e}");
                return ExitCode::FAILURE;
            }
        };
        println!("Tafelronde listens on http://{}", running.addr);
        let signal = server::http::shutdown::signal().await;
        tracing::info!("{signal} received: shutting down");
        running.stop().await;
        ExitCode::SUCCESS
    })
}
