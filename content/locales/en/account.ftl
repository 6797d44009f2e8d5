# Signing up, signing in, passwords, emails and recovery.
# Read through tend_core::msg (checked at build time by crates/tend-core/build.rs).

## services/account_links.rs

account-links-that-isnt-recovery-code = That isn't the recovery code for this account. Check it, or leave it empty to go on without it.
account-links-thats-address-you-sign = That's the address you sign in with already.
account-links-that-email-address-cant = That email address can't be used for this account. Please ask for the change again with another.

## services/login.rs

login-enter-your-password = Please enter your password.
login-that-isnt-your-current = That isn't your current password.

## pages/account_links.rs

account-links-new-password = A new password
account-links-choose-new-password = Choose a new password
account-links-confirm-your-new-email = Confirm your new email

## pages/account.rs

account-create-account = Create an account
account-that-email-password-dont = That email and password don't match. Please try again.
account-your-recovery-code = Your recovery code

## time_zone.rs

time-zone-choose-time-zone-from = Please choose a time zone from the list.

## invite_code.rs

invite-code-invite-code-has-eight = An invite code has eight letters and numbers, like ABCD-EFGH. Please check it and try again.

## email.rs

email-enter-your-email-address = Please enter your email address.
email-that-email-address-too = That email address is too long.
email-that-doesnt-look-like = That doesn't look like an email address. It should look like name@example.org.

## password.rs

password-use-at-least-12 = Please use at least 12 characters. A few words you'll remember work well.
password-that-password-one-most = That password is one of the most common ones, so it's easy to guess. Please choose another.

## display_name.rs

display-name-tell-us-what-call = Please tell us what to call you.
display-name-keep-your-name-60 = Please keep your name to 60 characters or fewer.
display-name-your-name-cant-contain = Your name can't contain control characters.
