//! Limits on guessing: failed log-ins and wrong invite codes. The log-in limit is built so a
//! partner (who may share the home network) cannot lock the other out: failures from unknown
//! clients are counted per account and per client address, but a browser that has signed in to
//! this account before (it carries a device cookie) has its own separate allowance.

/// At most this many failed log-ins an hour against one account from clients it doesn't know.
pub const ACCOUNT_FAILURES_PER_HOUR: u32 = 100;
/// At most this many failed log-ins an hour from one client address, whatever the account.
pub const CLIENT_FAILURES_PER_HOUR: u32 = 100;
/// A device that signed in before has its own allowance, untouched by anyone else's failures.
pub const KNOWN_DEVICE_FAILURES_PER_HOUR: u32 = 100;
/// Wrong invite codes a person may try in an hour (a code has ~39 bits; this keeps guessing futile).
pub const JOIN_FAILURES_PER_HOUR: u32 = 10;

/// The failures counted in the last hour that bear on one log-in attempt.
#[derive(Debug, Clone, Copy, Default)]
pub struct RecentLoginFailures {
    /// Failures against the account from unknown clients.
    pub account: u32,
    /// Failures from this client address.
    pub client: u32,
    /// Failures from this known device (only when the attempt carries a valid device cookie).
    pub known_device: Option<u32>,
}

/// Whether a log-in attempt may go ahead (and have its password checked).
pub fn login_allowed(failures: RecentLoginFailures) -> bool {
    match failures.known_device {
        Some(device) => device < KNOWN_DEVICE_FAILURES_PER_HOUR,
        None => failures.account < ACCOUNT_FAILURES_PER_HOUR && failures.client < CLIENT_FAILURES_PER_HOUR,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_client_is_stopped_after_one_hundred_failures_on_an_account() {
        let mut f = RecentLoginFailures { account: 99, ..Default::default() };
        assert!(login_allowed(f));
        f.account = 100;
        assert!(!login_allowed(f));
    }

    #[test]
    fn one_address_is_stopped_after_one_hundred_failures_whatever_the_accounts() {
        let f = RecentLoginFailures { client: 100, ..Default::default() };
        assert!(!login_allowed(f));
    }

    #[test]
    fn a_partner_exhausting_the_account_limit_does_not_lock_out_the_owners_known_device() {
        let f = RecentLoginFailures { account: 5_000, client: 5_000, known_device: Some(0) };
        assert!(login_allowed(f));
    }

    #[test]
    fn a_known_device_has_its_own_limit() {
        let f = RecentLoginFailures { known_device: Some(100), ..Default::default() };
        assert!(!login_allowed(f));
    }
}
