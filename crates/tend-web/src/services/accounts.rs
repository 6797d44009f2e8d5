//! Accounts: signing up, the profile, changing the password, deleting, and exporting. (A new
//! email address and a forgotten password go through emailed links: `account_links.rs`.)

use serde::{Deserialize, Serialize};
use tend_core::display_name::DisplayName;
use tend_core::email::Email;
use tend_core::ids::PersonId;
use tend_core::password::NewPassword;
use tend_core::sealing::{DataKey, RecoveryCode, StoredWords};
use tend_core::time_zone::TimeZoneName;
use tend_store::{NewPerson, Person, PersonExport, StoreError};
use utoipa::ToSchema;

use super::keys;
use super::login::confirm_password;
use super::security_log::{self, SecurityEvent};
use super::{Fields, ServiceError, ServiceResult};
use crate::secrets::new_id;
use crate::state::AppState;

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct SignUp {
    pub display_name: String,
    pub email: String,
    pub password: String,
    /// An IANA time zone such as `Europe/Berlin`.
    pub time_zone: String,
}

/// Creates the account. Answers the same whether or not the email already had one, so nobody can
/// learn who uses Tend; the password is hashed either way so the timing matches too.
pub async fn sign_up(state: &AppState, input: &SignUp) -> ServiceResult<()> {
    let mut fields = Fields::default();
    let name = fields.check(DisplayName::parse("display_name", &input.display_name));
    let email = fields.check(Email::parse("email", &input.email));
    let password = fields.check(NewPassword::parse("password", &input.password));
    let zone = fields.check(TimeZoneName::parse("time_zone", &input.time_zone));
    fields.finish()?;
    let (Some(name), Some(email), Some(password), Some(zone)) = (name, email, password, zone) else {
        unreachable!("every field parsed when there are no field errors")
    };
    let (password_hash, _) = state.hasher.hash(password.expose().to_owned()).await?;
    let person = NewPerson {
        id: new_id(),
        email: email.as_str().to_owned(),
        password_hash,
        display_name: name.as_str().to_owned(),
        time_zone: zone.as_str().to_owned(),
        created_at: state.clock.now(),
    };
    match state.store.create_person(&person).await {
        Ok(()) => tracing::info!(person = %person.id, "account created"),
        Err(StoreError::EmailTaken) => {
            tracing::info!("sign-up for an email that has an account; answered as usual")
        }
        Err(other) => return Err(other.into()),
    }
    Ok(())
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct ProfileUpdate {
    pub display_name: Option<String>,
    pub time_zone: Option<String>,
}

/// The person as stored now (after a change to their profile, say); `NotFound` once deleted.
pub async fn person(state: &AppState, person_id: &PersonId) -> ServiceResult<Person> {
    state.store.person(person_id).await?.ok_or(ServiceError::NotFound)
}

pub async fn update_profile(state: &AppState, person_id: &PersonId, input: &ProfileUpdate) -> ServiceResult<()> {
    let current = state.store.person(person_id).await?.ok_or(ServiceError::NotFound)?;
    let mut fields = Fields::default();
    let name = match &input.display_name {
        Some(raw) => fields.check(DisplayName::parse("display_name", raw)).map(|n| n.as_str().to_owned()),
        None => Some(current.display_name),
    };
    let zone = match &input.time_zone {
        Some(raw) => fields.check(TimeZoneName::parse("time_zone", raw)).map(|z| z.as_str().to_owned()),
        None => Some(current.time_zone),
    };
    fields.finish()?;
    let (Some(name), Some(zone)) = (name, zone) else { unreachable!("both parsed") };
    state.store.update_profile(person_id, &name, &zone).await?;
    Ok(())
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}

/// Sets a new password and ends every other session of the person.
pub async fn change_password(
    state: &AppState,
    person_id: &PersonId,
    session_id: &str,
    key: &DataKey,
    input: &PasswordChange,
) -> ServiceResult<()> {
    let new = NewPassword::parse("new_password", &input.new_password).map_err(|e| ServiceError::Invalid(vec![e]))?;
    confirm_password(state, person_id, &input.current_password, "current_password").await?;
    let (hash, password_key) = state.hasher.hash(new.expose().to_owned()).await?;
    // The data key is wrapped anew; nothing it sealed changes.
    let by_password = keys::wraps(person_id, &password_key, key, None).by_password;
    state.store.change_password(person_id, &hash, &by_password, Some(session_id)).await?;
    tracing::info!(person = %person_id, "password changed; other sessions ended");
    security_log::record(state, person_id, SecurityEvent::PasswordChanged, "").await;
    Ok(())
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct RecoveryCodeRenewal {
    /// The settings page names its field `recovery_password`.
    #[serde(alias = "recovery_password")]
    pub password: String,
}

/// A new recovery code, shown once (asks the password again). From then on the earlier code
/// opens nothing; nothing sealed changes.
pub async fn renew_recovery_code(
    state: &AppState,
    person_id: &PersonId,
    key: &DataKey,
    input: &RecoveryCodeRenewal,
) -> ServiceResult<RecoveryCode> {
    confirm_password(state, person_id, &input.password, "password").await?;
    let code = RecoveryCode::generate();
    if !state.store.set_recovery_wrap(person_id, &keys::recovery_wrap(person_id, &code, key)).await? {
        return Err(ServiceError::NotFound);
    }
    tracing::info!(person = %person_id, "recovery code renewed");
    security_log::record(state, person_id, SecurityEvent::RecoveryCodeMade, "").await;
    Ok(code)
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct AccountDeletion {
    pub password: String,
}

/// Erases the person and all they wrote; a partner only sees that the couple space closed.
pub async fn delete_account(state: &AppState, person_id: &PersonId, input: &AccountDeletion) -> ServiceResult<()> {
    confirm_password(state, person_id, &input.password, "password").await?;
    state.store.delete_person(person_id, state.clock.now()).await?;
    tracing::info!(person = %person_id, "account deleted");
    Ok(())
}

/// Everything Tend holds about one person, as a self-describing JSON document.
#[derive(Debug, Serialize)]
pub struct ExportDocument {
    pub format: &'static str,
    pub exported_at: jiff::Timestamp,
    #[serde(flatten)]
    pub data: PersonExport,
    /// Sealed words (notes, entries, answers, capsules, pulses…) that could not be opened and are not in this document: the host exporting
    /// without the person's key, or notes sealed under a key lost in a reset without the code.
    #[serde(skip_serializing_if = "is_zero")]
    pub sealed_left_out: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// `items` with their words opened by `key`; those that can't be opened are left out and counted.
fn opened_all<T>(
    items: Vec<T>,
    words: impl Fn(&mut T) -> &mut StoredWords,
    key: Option<&DataKey>,
    context: &str,
    left_out: &mut u32,
) -> Vec<T> {
    let mut opened = Vec::with_capacity(items.len());
    for mut item in items {
        let text = words(&mut item);
        match text.opened(key, context) {
            Some(plain) => {
                *text = StoredWords::Plain(plain);
                opened.push(item);
            }
            None => *left_out += 1,
        }
    }
    opened
}

/// The person's export, with their sealed words opened by `key` (the host's `tend export` has
/// none, and leaves sealed words out).
pub async fn export(state: &AppState, person_id: &PersonId, key: Option<&DataKey>) -> ServiceResult<ExportDocument> {
    let mut data = state.store.export_person(person_id).await?.ok_or(ServiceError::NotFound)?;
    let mut sealed_left_out = 0;
    for note in std::mem::take(&mut data.together.notes) {
        let context = super::shared_notes::contexts(&note.kind).own;
        data.together.notes.extend(opened_all(vec![note], |n| &mut n.text, key, context, &mut sealed_left_out));
    }
    let journal = std::mem::take(&mut data.together.journal);
    data.together.journal = opened_all(journal, |e| &mut e.text, key, keys::JOURNAL_CONTEXT, &mut sealed_left_out);
    let answers = std::mem::take(&mut data.together.ritual_answers);
    let context = super::couple_key::RITUAL_ANSWER.own;
    data.together.ritual_answers = opened_all(answers, |a| &mut a.text, key, context, &mut sealed_left_out);
    let wins = std::mem::take(&mut data.together.wins);
    let context = super::couple_key::WIN.own;
    data.together.wins = opened_all(wins, |w| &mut w.text, key, context, &mut sealed_left_out);
    let notes = std::mem::take(&mut data.together.weekly_check_notes);
    let context = super::couple_key::WEEKLY_CHECK_NOTE.own;
    data.together.weekly_check_notes = opened_all(notes, |n| &mut n.text, key, context, &mut sealed_left_out);
    let agreements = std::mem::take(&mut data.agreements_proposed);
    let context = super::couple_key::AGREEMENT.own;
    data.agreements_proposed = opened_all(agreements, |a| &mut a.text, key, context, &mut sealed_left_out);
    let questions = std::mem::take(&mut data.questions_added);
    let context = super::couple_key::QUESTION.own;
    data.questions_added = opened_all(questions, |q| &mut q.text, key, context, &mut sealed_left_out);
    for capsule in &mut data.together.capsules {
        if let Some(sealed) = capsule.sealed.take() {
            let held = sealed.opened(key, super::couple_key::CAPSULE.own);
            match held.and_then(|text| tend_store::CapsuleWords::from_json(&text)) {
                Some(w) => capsule.contents = Some([w.hopes, w.fears, w.needs]),
                None => sealed_left_out += 1,
            }
        }
    }
    let experiments = std::mem::take(&mut data.together.experiments);
    let context = super::couple_key::EXPERIMENT.own;
    data.together.experiments = opened_all(experiments, |e| &mut e.behaviour, key, context, &mut sealed_left_out);
    for experiment in &mut data.together.experiments {
        if let Some(reflection) = experiment.reflection.take() {
            match reflection.opened(key, super::couple_key::REFLECTION.own) {
                Some(words) => experiment.reflection = Some(StoredWords::Plain(words)),
                None => sealed_left_out += 1,
            }
        }
    }
    for mut checkup in std::mem::take(&mut data.checkups) {
        if let Some(sealed) = checkup.sealed.take() {
            let opened = key.and_then(|key| key.open(super::couple_key::CHECKUP.own, &sealed).ok());
            let Some(answers) = opened.and_then(|text| serde_json::from_str(&text).ok()) else {
                sealed_left_out += 1;
                continue;
            };
            checkup.answers = answers;
        }
        data.checkups.push(checkup);
    }
    let pulses = std::mem::take(&mut data.pulses);
    for mut pulse in pulses {
        if let Some(sealed) = pulse.sealed.take() {
            let opened = key.and_then(|key| key.open(keys::PULSE_CONTEXT, &sealed).ok());
            let Some(answers) = opened.and_then(|text| serde_json::from_str(&text).ok()) else {
                sealed_left_out += 1;
                continue;
            };
            pulse.answers = answers;
        }
        data.pulses.push(pulse);
    }
    Ok(ExportDocument { format: "tend-export/1", exported_at: state.clock.now(), data, sealed_left_out })
}
