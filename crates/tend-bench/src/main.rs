//! `tend-bench`: the tools behind `scripts/bench`. `seed` fills a fresh database with many
//! couples and eight weeks of history (straight into the tables, in big transactions);
//! `load` drives a running Tend over HTTP with a fixed number of connections for a while and
//! prints one JSON line with requests per second and latency percentiles; `reminders` plans and
//! delivers everyone's reminders in-process and times it.

mod crash;
mod load;
mod reminders;
mod seed;
mod sink;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "tend-bench")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Fill a fresh database (`TEND_DATABASE_URL`, or SQLite in `--data-dir`) with couples.
    Seed {
        #[arg(long, default_value = "data")]
        data_dir: std::path::PathBuf,
        #[arg(long, env = "TEND_DATABASE_URL")]
        database_url: Option<String>,
        #[arg(long, default_value_t = 10_000)]
        couples: u32,
        /// Only what reminder planning reads: people with email reminders and a daily ritual.
        #[arg(long)]
        reminders: bool,
    },
    /// Plan everyone's reminders (the busiest minute, then a quiet one) and deliver them to an
    /// SMTP server on loopback, in-process, on a database seeded with `seed --reminders`.
    Reminders {
        #[arg(long, default_value = "data")]
        data_dir: std::path::PathBuf,
        #[arg(long, env = "TEND_DATABASE_URL")]
        database_url: Option<String>,
        /// Independent stores planning and delivering at once, like several `tend serve`
        /// (PostgreSQL only; SQLite has one writer process).
        #[arg(long, default_value_t = 1)]
        instances: usize,
    },
    /// Write daily answers as fast as possible and record each acknowledged one (`PERSON SEQ` per
    /// line in `--log`) until the server goes away; `--verify` instead checks that every
    /// acknowledged answer (or a later one) is there.
    Crash {
        #[arg(long)]
        url: String,
        #[arg(long)]
        log: std::path::PathBuf,
        #[arg(long, default_value_t = 64)]
        connections: usize,
        #[arg(long)]
        verify: bool,
    },
    /// Drive one flow against a running Tend and print its figures as JSON.
    Load {
        #[arg(long)]
        url: String,
        /// baseline, login, today, answer, journal, draw, mark, weekly, chart, coach.
        #[arg(long)]
        flow: String,
        #[arg(long, default_value_t = 16)]
        connections: usize,
        #[arg(long, default_value_t = 10)]
        seconds: u64,
        /// How many seeded couples to spread the load over.
        #[arg(long, default_value_t = 64)]
        people: u32,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Seed { data_dir, database_url, couples, reminders } => {
            seed::run(data_dir, database_url, couples, reminders).await
        }
        Command::Reminders { data_dir, database_url, instances } => {
            reminders::run(data_dir, database_url, instances).await
        }
        Command::Crash { url, log, connections, verify } => crash::run(&url, &log, connections, verify).await,
        Command::Load { url, flow, connections, seconds, people } => {
            load::run(&url, &flow, connections, seconds, people).await
        }
    }
}
