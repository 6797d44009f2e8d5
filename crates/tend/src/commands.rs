//! What each `tend` command does.

use std::path::Path;
use std::sync::Arc;

use anyhow::{bail, Context};
use tend_store::{Backend, OutboxStore, Store};
use tend_web::clock::SystemClock;
use tend_web::AppState;

use crate::config::Config;

async fn open(config: &Config) -> anyhow::Result<tend_store::SqlStore> {
    tend_store::open(&config.store_options()).await.map_err(|err| {
        let why = err.unavailable_reason().map(|reason| format!(" ({reason})")).unwrap_or_default();
        anyhow::Error::new(err).context(format!("Failed to open the database{why}; `tend doctor` checks the setup"))
    })
}

pub async fn serve(config: &Config) -> anyhow::Result<()> {
    crate::content_cmd::ensure_valid()?;
    let store = open(config).await?;
    let listener = tokio::net::TcpListener::bind(&config.listen)
        .await
        .with_context(|| format!("Failed to listen on {}", config.listen))?;
    let bound = listener.local_addr()?;
    let settings = config.web_settings(bound);
    let state = AppState::new(Arc::new(store.clone()), settings, Arc::new(SystemClock));
    if config.run_worker {
        tokio::spawn(tend_web::mail::worker::run(state.clone(), config.mailer()?, tend_web::mail::worker::QUIET_LOOK));
    }
    println!("Tend is ready at http://{bound}");
    tracing::info!(backend = store.backend().name(), "serving");
    tend_web::serve(listener, state, shutdown_signal()).await?;
    store.close().await;
    println!("Tend has stopped.");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
    tracing::info!("shutting down: finishing open requests");
}

/// Runs only the email worker (planning and delivery), for hosts that want it apart from `serve`.
pub async fn worker(config: &Config) -> anyhow::Result<()> {
    crate::content_cmd::ensure_valid()?;
    let store = open(config).await?;
    let bound: std::net::SocketAddr = "127.0.0.1:0".parse()?;
    let state = AppState::new(Arc::new(store.clone()), config.web_settings(bound), Arc::new(SystemClock));
    println!("The email worker is running.");
    tokio::select! {
        // Apart from `serve` it hears no bell, so it keeps looking every two seconds.
        _ = tend_web::mail::worker::run(state, config.mailer()?, tend_web::mail::worker::BETWEEN_LOOKS) => {}
        _ = shutdown_signal() => {}
    }
    store.close().await;
    Ok(())
}

/// How the outbox stands: queued, being sent, sent, dead.
pub async fn outbox_status(config: &Config) -> anyhow::Result<()> {
    let store = open(config).await?;
    let c = store.outbox_counts().await?;
    println!("queued {}\nsending {}\nsent {}\ndead {}", c.queued, c.sending, c.sent, c.dead);
    store.close().await;
    Ok(())
}

pub async fn migrate(config: &Config) -> anyhow::Result<()> {
    let store = open(config).await?;
    store.close().await;
    println!("The database is up to date.");
    Ok(())
}

/// Lists what `tend migrate` would apply, from a read-only look at the database; changes nothing.
pub async fn migrate_dry_run(config: &Config) -> anyhow::Result<()> {
    let mut probe = tend_store::probe::Probe::connect(&config.store_options(), std::time::Duration::from_secs(10))
        .await
        .context("Failed to reach the database; `tend doctor` checks the setup")?;
    let state = if probe.exists() {
        probe.migrations().await.context("Failed to read the database's migrations")?
    } else {
        println!("The database does not exist yet: `tend migrate` (or `tend serve`) creates it.");
        return Ok(());
    };
    probe.close().await;
    if !state.unknown.is_empty() {
        bail!(
            "The database has migrations this Tend doesn't know ({:?}): it was used by a newer version",
            state.unknown
        );
    }
    if state.pending.is_empty() {
        println!("The database is up to date ({} migrations); nothing would change.", state.known);
    } else {
        println!("`tend migrate` would apply {} migration(s):", state.pending.len());
        for m in &state.pending {
            println!("  {:04} {}", m.version, m.description);
        }
    }
    Ok(())
}

fn run(command: &mut std::process::Command) -> anyhow::Result<()> {
    let status = command.status().with_context(|| format!("Failed to start {:?}", command.get_program()))?;
    if !status.success() {
        bail!("{:?} failed ({status})", command.get_program());
    }
    Ok(())
}

pub async fn backup(config: &Config, file: &Path) -> anyhow::Result<()> {
    if file.exists() {
        bail!("{} already exists; choose a new file name", file.display());
    }
    let store = open(config).await?;
    match store.backend() {
        Backend::Sqlite => store.backup_to(file).await.context("Failed to write the snapshot")?,
        Backend::Postgres => run(std::process::Command::new("pg_dump")
            .args(["--format=custom", "--file"])
            .arg(file)
            .arg(config.database_url.as_deref().unwrap_or_default()))?,
    }
    store.close().await;
    println!("Backup written to {}", file.display());
    Ok(())
}

/// A snapshot named by the time in `folder` (`tend-YYYYMMDD-HHMMSS.backup`), then only the newest
/// `keep` snapshots of that name there are kept; other files are never touched.
pub async fn backup_rotating(config: &Config, folder: &Path, keep: u32) -> anyhow::Result<()> {
    std::fs::create_dir_all(folder).with_context(|| format!("Failed to create {}", folder.display()))?;
    let name = jiff::Timestamp::now().strftime("tend-%Y%m%d-%H%M%S.backup").to_string();
    backup(config, &folder.join(name)).await?;
    let mut snapshots: Vec<std::path::PathBuf> = std::fs::read_dir(folder)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(is_snapshot_name))
        .collect();
    // The names sort by time.
    snapshots.sort();
    let surplus = snapshots.len().saturating_sub(keep as usize);
    for old in &snapshots[..surplus] {
        std::fs::remove_file(old).with_context(|| format!("Failed to remove {}", old.display()))?;
        println!("Removed the older snapshot {}", old.display());
    }
    Ok(())
}

/// `tend-YYYYMMDD-HHMMSS.backup`, as `backup_rotating` names its snapshots.
fn is_snapshot_name(name: &str) -> bool {
    let Some(stamp) = name.strip_prefix("tend-").and_then(|n| n.strip_suffix(".backup")) else {
        return false;
    };
    stamp.len() == 15 && stamp.char_indices().all(|(i, c)| if i == 8 { c == '-' } else { c.is_ascii_digit() })
}

pub async fn restore(config: &Config, file: &Path) -> anyhow::Result<()> {
    if !file.is_file() {
        bail!("{} is not a file", file.display());
    }
    let options = config.store_options();
    match options.backend() {
        Backend::Sqlite => {
            // Check the snapshot opens as a Tend database before it replaces anything.
            let check_dir = std::env::temp_dir().join(format!("tend-restore-check-{}", std::process::id()));
            std::fs::create_dir_all(&check_dir)?;
            let check = tend_store::StoreOptions { data_dir: check_dir.clone(), ..options.clone() };
            std::fs::copy(file, check.sqlite_path())?;
            let probe = tend_store::open(&check).await.context("The snapshot is not a readable Tend database")?;
            probe.close().await;
            std::fs::remove_dir_all(&check_dir)?;

            let target = options.sqlite_path();
            std::fs::create_dir_all(&options.data_dir)?;
            if target.exists() {
                let aside = target.with_extension(format!("before-restore-{}", jiff::Timestamp::now().as_second()));
                std::fs::rename(&target, &aside)?;
                println!("The previous database was kept at {}", aside.display());
            }
            for suffix in ["-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", target.display()));
            }
            std::fs::copy(file, &target)?;
        }
        Backend::Postgres => run(std::process::Command::new("pg_restore")
            .args(["--clean", "--if-exists", "--no-owner", "--dbname"])
            .arg(config.database_url.as_deref().unwrap_or_default())
            .arg(file))?,
    }
    println!("Restored from {}", file.display());
    Ok(())
}

pub async fn export(config: &Config, email: &str) -> anyhow::Result<()> {
    use tend_store::PersonStore;
    let store = open(config).await?;
    let email = tend_core::email::Email::parse("email", email).map_err(|e| anyhow::anyhow!("{}", e.message))?;
    let Some(credentials) = store.credentials_by_email(email.as_str()).await? else {
        bail!("No account has this email address");
    };
    let bound = "127.0.0.1:0".parse()?;
    let state = AppState::new(Arc::new(store.clone()), config.web_settings(bound), Arc::new(SystemClock));
    let document = tend_web::services::accounts::export(&state, &credentials.person_id, None)
        .await
        .map_err(|e| anyhow::anyhow!("Failed to export: {e}"))?;
    println!("{}", serde_json::to_string_pretty(&document)?);
    store.close().await;
    Ok(())
}

/// Prints a one-hour, single-use link to choose a new password, for a host without email. Only
/// the host's terminal sees it; hand it to the person it belongs to, and to no one else.
pub async fn reset_link(config: &Config, email: &str) -> anyhow::Result<()> {
    let store = open(config).await?;
    let bound = "127.0.0.1:0".parse()?;
    let state = AppState::new(Arc::new(store.clone()), config.web_settings(bound), Arc::new(SystemClock));
    let link = match tend_web::services::account_links::reset_link_for_host(&state, email).await {
        Ok(link) => link,
        Err(tend_web::services::ServiceError::NotFound) => bail!("No account has this email address"),
        Err(tend_web::services::ServiceError::Invalid(errors)) => {
            bail!("{}", errors.first().map(|e| e.message).unwrap_or("That isn't an email address"))
        }
        Err(err) => bail!("Failed to make the link: {err}"),
    };
    println!("{link}");
    eprintln!("This link lets its holder choose a new password for {email} within the hour. Give it only to them.");
    store.close().await;
    Ok(())
}
