//! `tend`: the one binary a host runs. A thin layer over the library crates: read the
//! configuration, open storage, and run the chosen command.

mod commands;
mod config;
mod content_cmd;
mod doctor;
mod healthcheck;
mod soften;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// jemalloc instead of glibc's malloc: with its background thread (`.cargo/config.toml`) it returns what a burst of
/// log-ins (argon2's work areas) freed within seconds, where glibc kept the peak for the life of
/// the process (`docs/benchmarks.md`).
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// `tend --version`: the release and the commit it was built from (`build.rs`).
const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (commit ", env!("TEND_COMMIT"), ")");

#[derive(Parser)]
#[command(name = "tend", version = VERSION, about = "Tend: a self-hosted companion for couples reconnecting")]
struct Cli {
    /// A TOML configuration file (also `TEND_CONFIG`). Environment variables override it.
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve Tend (pages and API) until Ctrl-C.
    Serve,
    /// Run only the email worker: plan reminders and the course, deliver the outbox.
    Worker,
    /// Email delivery health: how many are queued, being sent, sent and dead.
    Outbox {
        #[command(subcommand)]
        action: OutboxAction,
    },
    /// Create or update the database schema, then exit.
    Migrate {
        /// Only list the migrations that would be applied; change nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Write a consistent snapshot of the database to FILE while Tend keeps running. With
    /// `--keep N`, TARGET is a folder: the snapshot is named by the time, and only the newest N
    /// snapshots in it are kept.
    Backup {
        #[arg(value_name = "TARGET")]
        file: PathBuf,
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
        keep: Option<u32>,
    },
    /// Replace the database with the snapshot in FILE (stop `tend serve` first).
    Restore { file: PathBuf },
    /// Print everything Tend holds about one person, as JSON.
    Export {
        #[arg(long)]
        email: String,
    },
    /// For people's accounts, when Tend sends no email.
    Account {
        #[command(subcommand)]
        action: AccountAction,
    },
    /// Print the effective configuration, with secrets hidden.
    Config,
    /// Check the setup (config, data folder, database, email, public URL, clock) and say how to
    /// fix what is wrong. Exits 1 when a check fails.
    Doctor {
        /// Also send a neutral test email to this address.
        #[arg(long, value_name = "ADDRESS")]
        send_test_to: Option<String>,
    },
    /// Ask the `tend serve` on this machine for /healthz (for container health checks): exit 0 on `ok`.
    Healthcheck,
    /// Show what in a draft may put a partner on guard, and a gentler start. Reads stdin without TEXT.
    Soften {
        text: Option<String>,
        /// Print `{"harsh", "highlights": [{"start", "end", "kind", "reason"}], "suggestion"}`.
        #[arg(long)]
        json: bool,
        /// Measure the coach on a labeled file (`H|S<TAB>[KIND<TAB>]sentence` lines) instead.
        #[arg(long, value_name = "FILE", conflicts_with_all = ["text", "json"])]
        eval: Option<std::path::PathBuf>,
        /// Train the coach's linear model on labeled files (the corpus's development parts) and
        /// print `content/coach-model.tsv`.
        #[arg(long, value_name = "FILE", num_args = 1.., conflicts_with_all = ["text", "json", "eval"])]
        train: Vec<std::path::PathBuf>,
    },
    /// Check the program's words (`content/`), or print one part of them as text.
    Content {
        #[command(subcommand)]
        action: ContentAction,
    },
}

#[derive(Subcommand)]
enum AccountAction {
    /// Print a single-use link (valid one hour) that lets the person with EMAIL choose a new
    /// password. Every device of theirs is signed out when they use it.
    ResetLink { email: String },
}

#[derive(Subcommand)]
enum OutboxAction {
    /// Print the outbox's counts by state.
    Status,
}

#[derive(Subcommand)]
enum ContentAction {
    /// Check the content: the embedded copy, or the files in --dir.
    Check {
        #[arg(long)]
        dir: Option<PathBuf>,
    },
    /// Print `plan`, `checkup` or `pulse` as plain text.
    Show {
        what: String,
        #[arg(long)]
        dir: Option<PathBuf>,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,tower_http=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    if let Command::Doctor { send_test_to } = &cli.command {
        // The doctor reports a config that does not load as its first finding, not as an error.
        std::process::exit(doctor::run(cli.config.as_deref(), send_test_to.as_deref()).await);
    }
    let config = config::Config::load(cli.config.as_deref())?;
    match cli.command {
        Command::Serve => commands::serve(&config).await,
        Command::Migrate { dry_run: false } => commands::migrate(&config).await,
        Command::Migrate { dry_run: true } => commands::migrate_dry_run(&config).await,
        Command::Worker => commands::worker(&config).await,
        Command::Outbox { action: OutboxAction::Status } => commands::outbox_status(&config).await,
        Command::Backup { file, keep: None } => commands::backup(&config, &file).await,
        Command::Backup { file: folder, keep: Some(keep) } => commands::backup_rotating(&config, &folder, keep).await,
        Command::Restore { file } => commands::restore(&config, &file).await,
        Command::Export { email } => commands::export(&config, &email).await,
        Command::Account { action: AccountAction::ResetLink { email } } => commands::reset_link(&config, &email).await,
        Command::Content { action: ContentAction::Check { dir } } => content_cmd::check(dir.as_deref()),
        Command::Content { action: ContentAction::Show { what, dir } } => content_cmd::show(&what, dir.as_deref()),
        Command::Soften { eval: Some(file), .. } => soften::eval(&file),
        Command::Soften { train, .. } if !train.is_empty() => soften::train(&train),
        Command::Soften { text, json, .. } => soften::run(text, json),
        Command::Doctor { .. } => unreachable!("handled before the configuration is loaded"),
        Command::Healthcheck => healthcheck::run(&config).await,
        Command::Config => {
            print!("{}", config.redacted()?);
            Ok(())
        }
    }
}
