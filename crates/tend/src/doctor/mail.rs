//! Email: when an SMTP server is set, connect to it exactly as delivery does (greeting,
//! STARTTLS or TLS as the URL says, log-in) through the app's own `Mailer`, and with
//! `--send-test-to ADDRESS` send one neutral test message.

use std::time::Duration;

use tend_store::OutboxJob;

use super::Check;
use crate::config::{redact_url, Config};

const WAIT: Duration = Duration::from_secs(15);
const LABEL: &str = "email";

/// What the URL asks for, in words: `smtps://` is TLS from the start, `?tls=` is STARTTLS.
fn security(url: &str) -> &'static str {
    if url.starts_with("smtps://") {
        "TLS"
    } else if url.contains("tls=required") {
        "STARTTLS"
    } else if url.contains("tls=opportunistic") {
        "STARTTLS when offered"
    } else {
        "no encryption"
    }
}

/// The fix for a failure, by the words the mailer used for it.
fn fix_for(error: &str) -> &'static str {
    if error.contains("refused the log-in") || error.contains("authentication") || error.contains("535") {
        "check the user name and password in TEND_SMTP_URL (percent-encode @ : / and % inside them)"
    } else if error.contains("recipient address is not valid") {
        "give a full email address after --send-test-to"
    } else if error.contains("SMTP delivery failed") {
        "the server refused the message: check that TEND_MAIL_FROM is an address this SMTP account may send from"
    } else if error.contains("TLS") || error.contains("certificate") {
        "check the TLS mode: smtps:// for port 465, ?tls=required for STARTTLS on 587, and that the server's \
         certificate matches the host name in TEND_SMTP_URL"
    } else {
        "check the host and port in TEND_SMTP_URL, and that this machine may reach them (firewall, provider \
         blocking port 25)"
    }
}

pub async fn checks(config: &Config, send_test_to: Option<&str>) -> Vec<Check> {
    let Some(url) = config.smtp_url.as_deref().filter(|u| !u.is_empty()) else {
        let mut checks = vec![Check::warn(
            LABEL,
            "no SMTP server is set, so emails (reminders, the course) are only logged and reach no one",
            "set TEND_SMTP_URL (smtp_url), e.g. smtp://USER:PASSWORD@mail.example.org:587?tls=required",
        )];
        if send_test_to.is_some() {
            checks.push(Check::fail("test email", "not sent: no SMTP server is set", "set TEND_SMTP_URL first"));
        }
        return checks;
    };
    let shown = redact_url(url);
    let mailer = match config.mailer() {
        Ok(mailer) => mailer,
        Err(e) => {
            return vec![Check::fail(
                LABEL,
                format!("{e:#}"),
                "write TEND_SMTP_URL as smtp://HOST:PORT, smtps://USER:PASSWORD@HOST:465 or \
                 smtp://USER:PASSWORD@HOST:587?tls=required, and TEND_MAIL_FROM as Name <address>",
            )]
        }
    };
    let connected = tokio::time::timeout(WAIT, mailer.check_connection())
        .await
        .unwrap_or_else(|_| Err(format!("no answer within {} seconds", WAIT.as_secs())));
    if let Err(e) = connected {
        let mut checks = vec![Check::fail(LABEL, format!("{shown} ({}): {e}", security(url)), fix_for(&e))];
        if send_test_to.is_some() {
            checks.push(Check::fail("test email", "not sent: the SMTP server could not be used", "fix the line above"));
        }
        return checks;
    }
    let mut checks = vec![Check::ok(LABEL, format!("{shown} ({}) accepts Tend's connection", security(url)))];
    if let Some(to) = send_test_to {
        checks.push(send_test(&mailer, to).await);
    }
    checks
}

/// One neutral message: nothing about anyone, just that mail from this Tend arrives.
async fn send_test(mailer: &tend_web::mail::Mailer, to: &str) -> Check {
    let now = jiff::Timestamp::now();
    let job = OutboxJob {
        id: format!("doctor-{}", now.as_nanosecond()),
        person_id: None,
        subscriber_id: None,
        kind: "doctor_test".to_owned(),
        to_address: to.to_owned(),
        subject: "Test message from Tend".to_owned(),
        text_body: "This is a test message sent with `tend doctor --send-test-to` by the person who runs this \
                    Tend. It arrived, so email from Tend reaches this address. No reply is needed."
            .to_owned(),
        html_body: "<p>This is a test message sent with <code>tend doctor --send-test-to</code> by the person \
                    who runs this Tend. It arrived, so email from Tend reaches this address. No reply is needed.</p>"
            .to_owned(),
        unsubscribe_url: None,
        created_at: now,
        not_before: now,
        attempts: 0,
    };
    let sent = tokio::time::timeout(WAIT, mailer.send(&job))
        .await
        .unwrap_or_else(|_| Err(format!("no answer within {} seconds", WAIT.as_secs())));
    match sent {
        Ok(()) => {
            Check::ok("test email", format!("sent to {to}; look for \"Test message from Tend\" there (and in spam)"))
        }
        Err(e) => Check::fail("test email", format!("not sent to {to}: {e}"), fix_for(&e)),
    }
}
