# Answers of the JSON API that a person may read in an app.
# Read through tend_core::msg (checked at build time by crates/tend-core/build.rs).

## api/couple.rs

couple-send-either-invite-code = Please send either the invite code or the link's token.

## api/error.rs

error-log-do-this = Please log in to do this.
error-there-nothing-here = There is nothing here.
error-that-email-password-dont = That email and password don't match an account.
error-there-have-been-many = There have been many attempts. Please wait a while and try again.
error-tend-cant-reach-its = Tend can't reach its database right now. Nothing was saved; please try again in a moment.
error-something-went-wrong-our = Something went wrong on our side. Please try again in a moment.

## api/accounts.rs

accounts-if-this-email-new = If this email is new to Tend, the account is ready. Log in to begin.
