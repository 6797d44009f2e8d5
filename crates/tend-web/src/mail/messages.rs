//! Every email Tend sends, as plain text and HTML from templates embedded in the binary.
//! Subjects and bodies are neutral: never the partner's name, never anything anyone wrote,
//! no tracking pixels, no remote images. Course and tips emails carry an unsubscribe link.

use askama::Template;
use jiff::Timestamp;
use tend_core::content::Content;
use tend_core::ids::PersonId;
use tend_core::msg;
use tend_store::OutboxJob;

/// One email's words, rendered into both parts by the same two templates.
#[derive(Template)]
#[template(path = "mail/reminder.html")]
struct Html<'a> {
    subject: &'a str,
    lines: &'a [String],
    link: &'a str,
    link_label: &'a str,
    footer: &'a str,
    unsubscribe_url: &'a str,
}

pub struct Email {
    pub subject: String,
    pub lines: Vec<String>,
    pub link: String,
    pub link_label: String,
    pub footer: String,
    pub unsubscribe_url: Option<String>,
}

impl Email {
    /// The plain-text part: the lines, the link, the footer (and the unsubscribe link).
    fn plain_text(&self) -> String {
        let mut text: String = self.lines.iter().map(|line| format!("{line}\n\n")).collect();
        text.push_str(&format!("{}: {}\n\n{}", self.link_label, self.link, self.footer));
        if let Some(url) = &self.unsubscribe_url {
            text.push_str(&format!("\n{}", msg::mail_unsubscribe(url.as_str())));
        }
        text
    }

    /// The job for the outbox, under its one message id. The plain text can't fail; should the
    /// HTML part ever fail to render, the email goes as plain text alone (never with an empty
    /// body), and the host's log says so.
    pub fn job(
        self,
        id: String,
        kind: &str,
        to: &str,
        person_id: Option<&PersonId>,
        not_before: Timestamp,
    ) -> OutboxJob {
        let unsubscribe = self.unsubscribe_url.clone().unwrap_or_default();
        let html = Html {
            subject: &self.subject,
            lines: &self.lines,
            link: &self.link,
            link_label: &self.link_label,
            footer: &self.footer,
            unsubscribe_url: &unsubscribe,
        }
        .render()
        .unwrap_or_else(|err| {
            tracing::error!(error = %err, kind, "an email's HTML part did not render; it goes as plain text");
            String::new()
        });
        let text = self.plain_text();
        OutboxJob {
            id,
            person_id: person_id.cloned(),
            subscriber_id: None,
            kind: kind.to_owned(),
            to_address: to.to_owned(),
            subject: self.subject,
            text_body: text,
            html_body: html,
            unsubscribe_url: self.unsubscribe_url,
            created_at: not_before,
            not_before,
            attempts: 0,
        }
    }
}

/// A reminder: neutral subject, the names of what is there today (never anything written).
pub fn reminder(public_url: &str, what: &[String]) -> Email {
    let mut lines = vec![msg::mail_reminder_intro().to_owned()];
    lines.extend(what.iter().cloned());
    Email {
        subject: msg::mail_reminder_subject().to_owned(),
        lines,
        link: format!("{public_url}/home"),
        link_label: msg::mail_open_tend().to_owned(),
        footer: msg::mail_reminder_footer(format!("{public_url}/reminders")),
        unsubscribe_url: None,
    }
}

/// A bid from the partner waits on Today: no name, no words, no kind, only that something is there.
pub fn something_new(public_url: &str) -> Email {
    Email {
        subject: msg::mail_something_new_subject().to_owned(),
        lines: vec![msg::mail_something_new_line().to_owned()],
        link: format!("{public_url}/home"),
        link_label: msg::mail_open_tend().to_owned(),
        footer: msg::mail_reminder_footer(format!("{public_url}/reminders")),
        unsubscribe_url: None,
    }
}

pub fn course_confirmation(public_url: &str, token: &str) -> Email {
    Email {
        subject: msg::mail_course_confirm_subject().to_owned(),
        lines: vec![
            msg::mail_course_confirm_asked().to_owned(),
            msg::mail_course_confirm_how().to_owned(),
            msg::mail_course_confirm_not_you().to_owned(),
        ],
        link: format!("{public_url}/course/confirm/{token}"),
        link_label: msg::mail_course_confirm_link().to_owned(),
        footer: msg::mail_course_confirm_footer().to_owned(),
        unsubscribe_url: None,
    }
}

/// Week `week` (1 to 8) of the course: that week's practices from the plan.
pub fn course_week(public_url: &str, week: u32, unsubscribe_url: &str) -> Email {
    let plan = &Content::embedded().plan;
    let mut lines = Vec::new();
    if let Some(w) = u8::try_from(week).ok().and_then(|n| plan.week(n)) {
        lines.push(msg::mail_course_week_focus(w.focus.as_str(), week));
        lines.push(w.intro.clone());
        for step in &w.steps {
            lines.push(format!("{}: {}", step.title, step.text));
        }
    }
    lines.push(msg::mail_course_week_closing().to_owned());
    Email {
        subject: msg::mail_course_week_subject(week),
        lines,
        link: format!("{public_url}/guides"),
        link_label: msg::mail_read_guides().to_owned(),
        footer: msg::mail_course_week_footer().to_owned(),
        unsubscribe_url: Some(unsubscribe_url.to_owned()),
    }
}

/// A weekly tip after the course (`index` from 0), for those who asked for tips.
pub fn tip(public_url: &str, index: usize, unsubscribe_url: &str) -> Email {
    let tips = &Content::embedded().tips;
    let tip = &tips.tips[index % tips.tips.len().max(1)];
    Email {
        subject: msg::mail_tip_subject().to_owned(),
        lines: vec![tips.intro.clone(), format!("{}: {}", tip.title, tip.text)],
        link: format!("{public_url}/guides"),
        link_label: msg::mail_read_guides().to_owned(),
        footer: msg::mail_tip_footer().to_owned(),
        unsubscribe_url: Some(unsubscribe_url.to_owned()),
    }
}

/// The link to choose a new password. Sent only to an address that has an account; it says
/// nothing of the account beyond that.
pub fn password_reset(public_url: &str, token: &str) -> Email {
    Email {
        subject: msg::mail_reset_subject().to_owned(),
        lines: vec![
            msg::mail_reset_asked().to_owned(),
            msg::mail_reset_how().to_owned(),
            msg::mail_reset_not_you().to_owned(),
        ],
        link: format!("{public_url}/password/reset/{token}"),
        link_label: msg::mail_reset_link().to_owned(),
        footer: msg::mail_reset_footer().to_owned(),
        unsubscribe_url: None,
    }
}

/// The link that moves an account to this new address, sent to the new address only.
pub fn email_change(public_url: &str, token: &str) -> Email {
    Email {
        subject: msg::mail_email_change_subject().to_owned(),
        lines: vec![
            msg::mail_email_change_asked().to_owned(),
            msg::mail_email_change_how().to_owned(),
            msg::mail_email_change_not_you().to_owned(),
        ],
        link: format!("{public_url}/email/confirm/{token}"),
        link_label: msg::mail_email_change_link().to_owned(),
        footer: msg::mail_email_change_footer().to_owned(),
        unsubscribe_url: None,
    }
}

/// Told to the old address once an account has moved away from it.
pub fn email_changed(public_url: &str) -> Email {
    Email {
        subject: msg::mail_email_changed_subject().to_owned(),
        lines: vec![msg::mail_email_changed_line().to_owned(), msg::mail_email_changed_if_you().to_owned()],
        link: format!("{public_url}/login"),
        link_label: msg::mail_open_tend().to_owned(),
        footer: msg::mail_email_changed_footer().to_owned(),
        unsubscribe_url: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plain_text_part_holds_every_line_the_link_the_footer_and_the_way_out() {
        let job = course_week("https://tend.example.org", 1, "https://tend.example.org/course/stop/t").job(
            "id".into(),
            "course",
            "reader@example.org",
            None,
            Timestamp::UNIX_EPOCH,
        );
        let text = &job.text_body;
        assert!(text.starts_with("Week 1: "), "{text}");
        assert!(text.contains("Read the guides: https://tend.example.org/guides\n\n"), "{text}");
        assert!(text.ends_with("\nUnsubscribe: https://tend.example.org/course/stop/t"), "{text}");
        assert!(job.html_body.contains("<html"), "the HTML part renders too");
    }
}
