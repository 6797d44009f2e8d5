//! `tend`: the one binary a host runs. A thin layer over the library crates: read the
//! configuration, open storage, and run the chosen command.

mod commands;
mod config;
mod content_cmd;
mod soften;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "tend", version, about = "Tend: a self-hosted companion for couples reconnecting")]
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
    Migrate,
    /// Write a consistent snapshot of the database to FILE while Tend keeps running.
    Backup { file: PathBuf },
    /// Replace the database with the snapshot in FILE (stop `tend serve` first).
    Restore { file: PathBuf },
    /// Print everything Tend holds about one person, as JSON.
    Export {
        #[arg(long)]
        email: String,
    },
    /// Print the effective configuration, with secrets hidden.
    Config,
    /// Show what in a draft may put a partner on guard, and a gentler start. Reads stdin without TEXT.
    Soften {
        text: Option<String>,
        /// Print `{"harsh", "highlights": [{"start", "end", "kind", "reason"}], "suggestion"}`.
        #[arg(long)]
        json: bool,
    },
    /// Check the program's words (`content/`), or print one part of them as text.
    Content {
        #[command(subcommand)]
        action: ContentAction,
    },
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
    let config = config::Config::load(cli.config.as_deref())?;
    match cli.command {
        Command::Serve => commands::serve(&config).await,
        Command::Migrate => commands::migrate(&config).await,
        Command::Worker => commands::worker(&config).await,
        Command::Outbox { action: OutboxAction::Status } => commands::outbox_status(&config).await,
        Command::Backup { file } => commands::backup(&config, &file).await,
        Command::Restore { file } => commands::restore(&config, &file).await,
        Command::Export { email } => commands::export(&config, &email).await,
        Command::Content { action: ContentAction::Check { dir } } => content_cmd::check(dir.as_deref()),
        Command::Content { action: ContentAction::Show { what, dir } } => content_cmd::show(&what, dir.as_deref()),
        Command::Soften { text, json } => soften::run(text, json),
        Command::Config => {
            print!("{}", config.redacted()?);
            Ok(())
        }
    }
}
