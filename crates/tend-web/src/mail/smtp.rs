//! Tend's own pool of SMTP connections, built on lettre's SMTP client. lettre's pooled transport
//! never sets TCP_NODELAY and writes a message's closing "." on its own, so the kernel holds that
//! last small packet until the server's delayed ACK: about 40 ms per email on every connection.
//! Here Tend opens each TCP connection itself with TCP_NODELAY, then lettre greets the server
//! (EHLO), upgrades with STARTTLS when the URL asks (`?tls=required` or `opportunistic`) and logs
//! in. Idle connections are reused; one that fails is dropped, and a send that failed on a reused
//! connection before the server answered is tried once more on a fresh one. Implicit TLS
//! (`smtps://`) is left to lettre's own transport.

use std::sync::Mutex;
use std::time::Duration;

use lettre::address::Envelope;
use lettre::transport::smtp::authentication::{Credentials, DEFAULT_MECHANISMS};
use lettre::transport::smtp::client::{AsyncSmtpConnection, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use lettre::transport::smtp::Error as SmtpError;
use tokio::net::TcpStream;
use tokio::sync::Semaphore;

/// How long Tend waits for an SMTP server at each step (connecting with its greeting, TLS and
/// log-in; then sending one message). A server that accepts and never answers costs one
/// connection this long, not the worker's whole batch; the message stays in the outbox.
pub(crate) const SMTP_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, Clone, Copy, PartialEq)]
enum StartTls {
    Never,
    IfOffered,
    Required,
}

pub struct SmtpPool {
    host: String,
    port: u16,
    starttls: StartTls,
    credentials: Option<Credentials>,
    hello: ClientId,
    idle: Mutex<Vec<AsyncSmtpConnection>>,
    open: Semaphore,
}

impl SmtpPool {
    /// A pool for `smtp://` URLs (with or without STARTTLS); `None` for `smtps://`. The URL's
    /// parts mean what they mean to lettre's `from_url`.
    pub fn from_url(raw: &str, connections: usize) -> anyhow::Result<Option<SmtpPool>> {
        let url = url::Url::parse(raw)?;
        if url.scheme() != "smtp" {
            return Ok(None);
        }
        let tls = url.query_pairs().find(|(k, _)| k == "tls").map(|(_, v)| v.into_owned());
        let starttls = match tls.as_deref() {
            None => StartTls::Never,
            Some("opportunistic") => StartTls::IfOffered,
            Some("required") => StartTls::Required,
            Some(other) => anyhow::bail!("unknown tls parameter {other:?} (use required or opportunistic)"),
        };
        let host = url.host_str().ok_or_else(|| anyhow::anyhow!("the SMTP URL names no host"))?.to_owned();
        let port = url.port().unwrap_or(if starttls == StartTls::Never { 25 } else { 587 });
        let decode = |s: &str| percent_encoding::percent_decode_str(s).decode_utf8().map(|s| s.into_owned());
        let credentials = match url.password() {
            Some(password) => Some(Credentials::new(decode(url.username())?, decode(password)?)),
            None => None,
        };
        let path = url.path().trim_matches('/');
        let hello = if path.is_empty() { ClientId::default() } else { ClientId::Domain(path.to_owned()) };
        Ok(Some(SmtpPool {
            host,
            port,
            starttls,
            credentials,
            hello,
            idle: Mutex::new(Vec::new()),
            open: Semaphore::new(connections),
        }))
    }

    async fn connect(&self) -> Result<AsyncSmtpConnection, String> {
        tokio::time::timeout(SMTP_TIMEOUT, self.connect_now())
            .await
            .map_err(|_| format!("the SMTP server did not answer within {} s", SMTP_TIMEOUT.as_secs()))?
    }

    async fn connect_now(&self) -> Result<AsyncSmtpConnection, String> {
        let tcp = TcpStream::connect((self.host.as_str(), self.port))
            .await
            .map_err(|e| format!("could not reach the SMTP server: {e}"))?;
        tcp.set_nodelay(true).map_err(|e| format!("could not set up the connection: {e}"))?;
        let mut connection = AsyncSmtpConnection::connect_with_transport(Box::new(tcp), &self.hello)
            .await
            .map_err(|e| format!("the SMTP server did not greet: {e}"))?;
        let offered =
            connection.server_info().supports_feature(lettre::transport::smtp::extension::Extension::StartTls);
        if self.starttls == StartTls::Required || (self.starttls == StartTls::IfOffered && offered) {
            let tls = TlsParameters::new(self.host.clone()).map_err(|e| format!("TLS could not be set up: {e}"))?;
            connection.starttls(tls, &self.hello).await.map_err(|e| format!("STARTTLS failed: {e}"))?;
        }
        if let Some(credentials) = &self.credentials {
            connection
                .auth(DEFAULT_MECHANISMS, credentials)
                .await
                .map_err(|e| format!("the SMTP server refused the log-in: {e}"))?;
        }
        Ok(connection)
    }

    /// Opens one connection as a send would (greeting, STARTTLS as configured, log-in), then
    /// says goodbye: `tend doctor`'s check, which sends nothing.
    pub async fn check(&self) -> Result<(), String> {
        let mut connection = self.connect().await?;
        connection.quit().await.map_err(|e| format!("the SMTP server did not close cleanly: {e}"))?;
        Ok(())
    }

    fn reuse(&self) -> Option<AsyncSmtpConnection> {
        self.idle.lock().unwrap_or_else(|e| e.into_inner()).pop()
    }

    /// Sends one message over a pooled connection (at most the pool's size at once).
    pub async fn send(&self, envelope: &Envelope, message: &[u8]) -> Result<(), String> {
        let _turn = self.open.acquire().await.map_err(|_| "the mail pool is closed".to_owned())?;
        let reused = self.reuse();
        let was_reused = reused.is_some();
        let mut connection = match reused {
            Some(connection) => connection,
            None => self.connect().await?,
        };
        let Ok(outcome) = tokio::time::timeout(SMTP_TIMEOUT, connection.send(envelope, message)).await else {
            return Err(stalled(connection).await);
        };
        if let Err(err) = &outcome {
            connection.abort().await;
            if !was_reused || answered(err) {
                return Err(format!("SMTP delivery failed: {err}"));
            }
            // The idle connection had gone stale (the server closed it): once more, afresh.
            connection = self.connect().await?;
            let Ok(outcome) = tokio::time::timeout(SMTP_TIMEOUT, connection.send(envelope, message)).await else {
                return Err(stalled(connection).await);
            };
            if let Err(err) = &outcome {
                connection.abort().await;
                return Err(format!("SMTP delivery failed: {err}"));
            }
        }
        self.idle.lock().unwrap_or_else(|e| e.into_inner()).push(connection);
        Ok(())
    }
}

/// A send that got no answer in time: the connection is dropped (it may be mid-message) and the
/// message stays in the outbox for a later try.
async fn stalled(mut connection: AsyncSmtpConnection) -> String {
    let _ = tokio::time::timeout(Duration::from_secs(1), connection.abort()).await;
    format!("the SMTP server did not answer within {} s", SMTP_TIMEOUT.as_secs())
}

/// Whether the server answered (accepted or refused): then trying again now would not help, and
/// could send twice.
fn answered(err: &SmtpError) -> bool {
    err.is_permanent() || err.is_transient()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_smtp_url_reads_as_lettre_reads_it() {
        let pool = SmtpPool::from_url("smtp://127.0.0.1:2525", 4).unwrap().unwrap();
        assert_eq!((pool.host.as_str(), pool.port, pool.starttls), ("127.0.0.1", 2525, StartTls::Never));
        assert!(pool.credentials.is_none());
        let pool =
            SmtpPool::from_url("smtp://tend%40example.org:p%3Ass@mail.example.org?tls=required", 4).unwrap().unwrap();
        assert_eq!((pool.port, pool.starttls), (587, StartTls::Required));
        assert_eq!(pool.credentials, Some(Credentials::new("tend@example.org".into(), "p:ss".into())));
        let pool =
            SmtpPool::from_url("smtp://mail.example.org/tend.example.org?tls=opportunistic", 4).unwrap().unwrap();
        assert_eq!(pool.starttls, StartTls::IfOffered);
        assert_eq!(pool.hello, ClientId::Domain("tend.example.org".into()));
        assert!(SmtpPool::from_url("smtps://mail.example.org", 4).unwrap().is_none(), "implicit TLS stays with lettre");
        assert!(SmtpPool::from_url("smtp://mail.example.org?tls=sometimes", 4).is_err());
        assert!(SmtpPool::from_url("not a url", 4).is_err());
    }
}
