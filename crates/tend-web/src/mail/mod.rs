//! Email. Everything Tend sends goes through the durable outbox (`tend-store`'s `OutboxStore`):
//! services write a job in the same transaction as the change that caused it, and the worker
//! (`worker.rs`) delivers it over SMTP with lettre — or only logs it when no SMTP server is set.
//! `planner.rs` turns reminder settings and the free course into jobs, once per message id;
//! `messages.rs` renders every email (plain text and HTML, from templates in the binary) with
//! neutral subjects and nothing anyone wrote.

pub mod messages;
pub mod planner;
pub mod push;
mod smtp;
pub mod worker;

use std::sync::Arc;

use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::{AsyncSmtpTransport, PoolConfig};
use lettre::{AsyncTransport, Message, Tokio1Executor};
use tend_store::OutboxJob;

/// SMTP connections kept open, each carrying one message at a time.
pub const SMTP_CONNECTIONS: u32 = 32;

/// How messages reach the SMTP server: Tend's own pool (`smtp.rs`, TCP_NODELAY set), or lettre's
/// transport for implicit TLS (`smtps://`), where each message waits about 40 ms for the
/// server's delayed ACK.
#[derive(Clone)]
pub enum Transport {
    Pool(Arc<smtp::SmtpPool>),
    Lettre(AsyncSmtpTransport<Tokio1Executor>),
}

/// Where mail goes: an SMTP server, or (when none is configured) the log, without content.
#[derive(Clone)]
pub enum Mailer {
    Smtp { transport: Transport, from: Mailbox },
    LogOnly,
}

impl Mailer {
    /// From `TEND_SMTP_URL` (`smtp://host:port`, `smtps://user:pass@host:465`, or with
    /// `?tls=required` for STARTTLS) and `TEND_MAIL_FROM`.
    pub fn from_config(url: Option<&str>, from: &str) -> anyhow::Result<Mailer> {
        let Some(url) = url.filter(|u| !u.is_empty()) else {
            return Ok(Mailer::LogOnly);
        };
        let pool = smtp::SmtpPool::from_url(url, SMTP_CONNECTIONS as usize)
            .map_err(|e| anyhow::anyhow!("The SMTP URL could not be used: {e}"))?;
        let transport = match pool {
            Some(pool) => Transport::Pool(Arc::new(pool)),
            None => Transport::Lettre(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| anyhow::anyhow!("The SMTP URL could not be used: {e}"))?
                    .pool_config(PoolConfig::new().max_size(SMTP_CONNECTIONS))
                    .timeout(Some(smtp::SMTP_TIMEOUT))
                    .build(),
            ),
        };
        let from: Mailbox = from.parse().map_err(|e| anyhow::anyhow!("The mail sender address is not valid: {e}"))?;
        Ok(Mailer::Smtp { transport, from })
    }

    pub fn is_log_only(&self) -> bool {
        matches!(self, Mailer::LogOnly)
    }

    /// Connects as a delivery would (greeting, TLS as configured, log-in) and hangs up without
    /// sending: `tend doctor`'s check. Log-only mode has nothing to check.
    pub async fn check_connection(&self) -> Result<(), String> {
        match self {
            Mailer::LogOnly => Ok(()),
            Mailer::Smtp { transport: Transport::Pool(pool), .. } => pool.check().await,
            Mailer::Smtp { transport: Transport::Lettre(lettre), .. } => match lettre.test_connection().await {
                Ok(true) => Ok(()),
                Ok(false) => Err("the SMTP server did not answer".to_owned()),
                Err(e) => Err(format!("could not connect to the SMTP server: {e}")),
            },
        }
    }

    /// Sends one job. The error text names what failed, never what the email said.
    pub async fn send(&self, job: &OutboxJob) -> Result<(), String> {
        let Mailer::Smtp { transport, from } = self else {
            tracing::info!(kind = %job.kind, id = %job.id, "email not sent: no SMTP server is configured (log-only mode)");
            return Ok(());
        };
        let to: Mailbox = job.to_address.parse().map_err(|_| "the recipient address is not valid".to_owned())?;
        let mut builder = Message::builder()
            .from(from.clone())
            .to(to)
            .subject(job.subject.clone())
            .message_id(Some(format!("<{}@tend.invalid>", job.id)));
        if let Some(url) = &job.unsubscribe_url {
            builder = builder
                .raw_header(HeaderValue::new(HeaderName::new_from_ascii_str("List-Unsubscribe"), format!("<{url}>")))
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                    "List-Unsubscribe=One-Click".to_owned(),
                ));
        }
        let message = if job.html_body.is_empty() {
            builder.header(ContentType::TEXT_PLAIN).body(job.text_body.clone())
        } else {
            builder.multipart(MultiPart::alternative_plain_html(job.text_body.clone(), job.html_body.clone()))
        }
        .map_err(|e| format!("the message could not be built: {e}"))?;
        match transport {
            Transport::Pool(pool) => pool.send(message.envelope(), &message.formatted()).await,
            Transport::Lettre(lettre) => {
                lettre.send(message).await.map(|_| ()).map_err(|e| format!("SMTP delivery failed: {e}"))
            }
        }
    }
}
