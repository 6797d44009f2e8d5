//! The host's configuration, in one documented order: built-in defaults, then a TOML file
//! (`--config FILE` or `TEND_CONFIG`), then `TEND_*` environment variables. Each key has the
//! same name in the file (lower case) and the environment (`TEND_` + upper case).

use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Address and port to listen on. `TEND_LISTEN`, default `127.0.0.1:8080`.
    pub listen: String,
    /// Folder for the SQLite database. `TEND_DATA_DIR`, default `./data`.
    pub data_dir: PathBuf,
    /// A `postgres://` URL selects PostgreSQL instead of SQLite. `TEND_DATABASE_URL`.
    pub database_url: Option<String>,
    /// The address people reach Tend at, used in links. `TEND_PUBLIC_URL`, default `http://LISTEN`.
    pub public_url: Option<String>,
    /// Secure, `__Host-` cookies and HSTS. `TEND_COOKIE_SECURE`, default: on when the public URL is https.
    pub cookie_secure: Option<bool>,
    /// Where quick exit leads. `TEND_QUICK_EXIT_URL`.
    pub quick_exit_url: String,
    /// A session ends after this many days unused. `TEND_SESSION_IDLE_DAYS`, default 30.
    pub session_idle_days: u32,
    /// A session ends this many days after log-in whatever happens. `TEND_SESSION_ABSOLUTE_DAYS`, default 90.
    pub session_absolute_days: u32,
    /// Read the client address from `X-Forwarded-For` (only behind your own proxy). `TEND_TRUST_FORWARDED_FOR`.
    pub trust_forwarded_for: bool,
    /// Database connections per instance. `TEND_MAX_CONNECTIONS`, default 16.
    pub max_connections: u32,
    /// Minutes of quiet after a pause is called (never below 20). `TEND_PAUSE_MINUTES`, default 20.
    pub pause_minutes: u32,
    /// Help lines shown when the private safety check points to risk, e.g.
    /// `[[safety_resources]] name = "…" contact = "…" country = "DE"`. TOML file only.
    pub safety_resources: Vec<tend_core::content::Resource>,
    /// `[[help_resources]] name = "…" contact = "…" country = "DE"`: couples therapy or coaching
    /// the host recommends on the help page. TOML file only.
    pub help_resources: Vec<tend_core::content::Resource>,
    /// Where email goes: `smtp://host:port`, `smtps://user:pass@host:465`, or
    /// `smtp://user:pass@host:587?tls=required`. `TEND_SMTP_URL`; unset, emails are only logged.
    pub smtp_url: Option<String>,
    /// The sender of every email. `TEND_MAIL_FROM`, default `Tend <tend@localhost>`.
    pub mail_from: String,
    /// Run the email worker inside `tend serve`. `TEND_RUN_WORKER`, default true (use
    /// `tend worker` for separate workers).
    pub run_worker: bool,
    /// A secret of at least 32 characters that turns `/metrics` on for requests carrying
    /// `Authorization: Bearer TOKEN`. `TEND_METRICS_TOKEN`; unset, `/metrics` does not exist.
    pub metrics_token: Option<String>,
    /// Web Push notifications to the devices people choose. `TEND_PUSH=off` turns them off.
    pub push: bool,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            listen: "127.0.0.1:8080".into(),
            data_dir: PathBuf::from("data"),
            database_url: None,
            public_url: None,
            cookie_secure: None,
            quick_exit_url: tend_web::settings::DEFAULT_QUICK_EXIT_URL.into(),
            session_idle_days: 30,
            session_absolute_days: 90,
            trust_forwarded_for: false,
            max_connections: 16,
            pause_minutes: 20,
            safety_resources: Vec::new(),
            help_resources: Vec::new(),
            smtp_url: None,
            mail_from: "Tend <tend@localhost>".into(),
            run_worker: true,
            metrics_token: None,
            push: true,
        }
    }
}

/// Every `TEND_*` variable [`Config::load`] reads, without the prefix.
pub const KEYS: &[&str] = &[
    "CONFIG",
    "LISTEN",
    "DATA_DIR",
    "DATABASE_URL",
    "PUBLIC_URL",
    "COOKIE_SECURE",
    "SMTP_URL",
    "METRICS_TOKEN",
    "MAIL_FROM",
    "RUN_WORKER",
    "PUSH",
    "QUICK_EXIT_URL",
    "SESSION_IDLE_DAYS",
    "SESSION_ABSOLUTE_DAYS",
    "TRUST_FORWARDED_FOR",
    "PAUSE_MINUTES",
    "MAX_CONNECTIONS",
];

fn env(key: &str) -> Option<String> {
    debug_assert!(KEYS.contains(&key), "add TEND_{key} to KEYS");
    std::env::var(format!("TEND_{key}")).ok().filter(|v| !v.is_empty())
}

fn env_parsed<T: std::str::FromStr>(key: &str) -> anyhow::Result<Option<T>> {
    env(key)
        .map(|v| v.parse::<T>().map_err(|_| anyhow::anyhow!("TEND_{key} has a value that can't be read: {v:?}")))
        .transpose()
}

impl Config {
    pub fn load(file: Option<&Path>) -> anyhow::Result<Self> {
        let file = file.map(Path::to_path_buf).or_else(|| env("CONFIG").map(PathBuf::from));
        let mut config = match file {
            Some(path) => {
                let text = std::fs::read_to_string(&path)
                    .with_context(|| format!("Failed to read the config file {}", path.display()))?;
                toml::from_str(&text).with_context(|| format!("The config file {} is not valid", path.display()))?
            }
            None => Config::default(),
        };
        if let Some(v) = env("LISTEN") {
            config.listen = v;
        }
        if let Some(v) = env("DATA_DIR") {
            config.data_dir = v.into();
        }
        if let Some(v) = env("DATABASE_URL") {
            config.database_url = Some(v);
        }
        if let Some(v) = env("PUBLIC_URL") {
            config.public_url = Some(v);
        }
        if let Some(v) = env_parsed("COOKIE_SECURE")? {
            config.cookie_secure = Some(v);
        }
        if let Some(v) = env("SMTP_URL") {
            config.smtp_url = Some(v);
        }
        if let Some(v) = env("METRICS_TOKEN") {
            config.metrics_token = Some(v);
        }
        if let Some(v) = env("PUSH") {
            config.push = match v.as_str() {
                "on" | "true" | "1" => true,
                "off" | "false" | "0" => false,
                other => anyhow::bail!("TEND_PUSH must be on or off, not {other:?}"),
            };
        }
        if let Some(v) = env("MAIL_FROM") {
            config.mail_from = v;
        }
        if let Some(v) = env_parsed("RUN_WORKER")? {
            config.run_worker = v;
        }
        if let Some(v) = env("QUICK_EXIT_URL") {
            config.quick_exit_url = v;
        }
        if let Some(v) = env_parsed("SESSION_IDLE_DAYS")? {
            config.session_idle_days = v;
        }
        if let Some(v) = env_parsed("SESSION_ABSOLUTE_DAYS")? {
            config.session_absolute_days = v;
        }
        if let Some(v) = env_parsed("TRUST_FORWARDED_FOR")? {
            config.trust_forwarded_for = v;
        }
        if let Some(v) = env_parsed("PAUSE_MINUTES")? {
            config.pause_minutes = v;
        }
        if let Some(v) = env_parsed("MAX_CONNECTIONS")? {
            config.max_connections = v;
        }
        if let Some(token) = &config.metrics_token {
            anyhow::ensure!(
                token.chars().count() >= 32 && !token.chars().any(char::is_whitespace),
                "metrics_token (TEND_METRICS_TOKEN) must be at least 32 characters with no spaces"
            );
        }
        Ok(config)
    }

    pub fn store_options(&self) -> tend_store::StoreOptions {
        tend_store::StoreOptions {
            database_url: self.database_url.clone(),
            data_dir: self.data_dir.clone(),
            max_connections: self.max_connections,
        }
    }

    /// The web settings, once the real listening address is known (port 0 picks one).
    pub fn web_settings(&self, bound: std::net::SocketAddr) -> tend_web::WebSettings {
        let public_url = self.public_url.clone().unwrap_or_else(|| format!("http://{bound}"));
        let mut settings = tend_web::WebSettings::for_url(&public_url);
        if let Some(secure) = self.cookie_secure {
            settings.cookie_secure = secure;
        }
        settings.quick_exit_url = self.quick_exit_url.clone();
        settings.session_timeouts.idle = jiff::SignedDuration::from_hours(24 * i64::from(self.session_idle_days));
        settings.session_timeouts.absolute =
            jiff::SignedDuration::from_hours(24 * i64::from(self.session_absolute_days));
        settings.trust_forwarded_for = self.trust_forwarded_for;
        settings.safety_resources = self.safety_resources.clone();
        settings.help_resources = self.help_resources.clone();
        settings.metrics_token = self.metrics_token.clone();
        settings.push_enabled = self.push;
        settings.pause_quiet = tend_core::pause::quiet(jiff::SignedDuration::from_mins(i64::from(self.pause_minutes)));
        settings
    }

    /// The effective configuration as TOML, with the database password hidden.
    pub fn mailer(&self) -> anyhow::Result<tend_web::mail::Mailer> {
        tend_web::mail::Mailer::from_config(self.smtp_url.as_deref(), &self.mail_from)
    }

    pub fn redacted(&self) -> anyhow::Result<String> {
        let mut shown = self.clone();
        shown.database_url = shown.database_url.map(|url| redact_url(&url));
        shown.smtp_url = shown.smtp_url.map(|url| redact_url(&url));
        shown.metrics_token = shown.metrics_token.map(|_| "REDACTED".to_owned());
        Ok(toml::to_string(&shown)?)
    }
}

pub(crate) fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => {
                    format!("{}{user}:REDACTED{}", &url[..scheme_end + 3], &url[at..])
                }
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_database_password_never_appears_in_the_dump() {
        assert_eq!(redact_url("postgres://tend:s3cret@db:5432/tend"), "postgres://tend:REDACTED@db:5432/tend");
        assert_eq!(redact_url("postgres://db/tend"), "postgres://db/tend");
    }

    /// `packaging/tend.toml` (the Debian package's /etc/tend/tend.toml) describes every key
    /// Tend reads, and nothing else: with its examples switched on, it holds exactly the keys of a
    /// fully set configuration, and it loads.
    #[test]
    fn the_packaged_config_file_describes_every_key() {
        let packaged = include_str!("../../../packaging/tend.toml");
        let switched_on: String = packaged
            .lines()
            .map(|line| match line.strip_prefix("# ") {
                Some(rest)
                    if rest.starts_with("[[") || rest.split_once(" = ").is_some_and(|(k, _)| !k.contains(' ')) =>
                {
                    rest
                }
                _ => line,
            })
            .map(|line| format!("{line}\n"))
            .collect();
        let _: Config = toml::from_str(&switched_on).expect("the packaged file, examples on, loads");
        let resource = tend_core::content::Resource { name: "n".into(), contact: "c".into(), country: None };
        let full = Config {
            database_url: Some("postgres://db/tend".into()),
            public_url: Some("https://tend.example.org".into()),
            cookie_secure: Some(true),
            safety_resources: vec![resource.clone()],
            help_resources: vec![resource],
            smtp_url: Some("smtp://localhost:25".into()),
            metrics_token: Some("x".repeat(32)),
            ..Config::default()
        };
        let keys = |text: &str| {
            let table: toml::Table = toml::from_str(text).unwrap();
            let mut keys: Vec<String> = table.keys().cloned().collect();
            keys.sort();
            keys
        };
        let every_key = keys(&toml::to_string(&full).unwrap());
        assert_eq!(keys(&switched_on), every_key, "packaging/tend.toml describes each key once");
        for key in KEYS.iter().filter(|k| **k != "CONFIG") {
            assert!(every_key.contains(&key.to_lowercase()), "TEND_{key} has no key of its own");
        }
        let plain: Config = toml::from_str(packaged).unwrap();
        assert_eq!(plain.data_dir, PathBuf::from("/var/lib/tend"));
    }

    #[test]
    fn cookies_are_secure_by_default_only_behind_https() {
        let addr = "127.0.0.1:8080".parse().unwrap();
        let mut config = Config::default();
        assert!(!config.web_settings(addr).cookie_secure);
        config.public_url = Some("https://tend.example.org".into());
        assert!(config.web_settings(addr).cookie_secure);
        config.cookie_secure = Some(false);
        assert!(!config.web_settings(addr).cookie_secure);
    }
}
