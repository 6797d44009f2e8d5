# The account activity a person sees in Settings: what happened, in their words.
# Read through tend_core::msg (checked at build time by crates/tend-core/build.rs).

## security_log.rs: one line per event, by its stored id

activity-signed-in = Signed in
activity-signed-in-new-device = Signed in on a device not seen before
activity-other-device-signed-out = Signed out another device
activity-password-changed = Password changed; every other device was signed out
activity-password-reset = Password chosen anew with an email link; every device was signed out
activity-email-changed = Sign-in email changed
activity-couple-created = Made a couple space
activity-couple-joined = Joined a couple space
activity-couple-left = Left the couple space
activity-checkup-shared = Shared a check-up with your partner
activity-checkup-unshared = Stopped sharing a check-up
activity-journal-entry-shared = Shared a journal entry with your partner
activity-low-capacity-told = Let your partner know you're low on capacity
activity-low-capacity-no-longer-told = Stopped letting your partner know about low capacity
activity-reflection-shared = Shared an own-your-part reflection with your partner
activity-touch-note-shared = Shared a note about closeness with your partner
activity-plan-writing-shared = Shared something you wrote for your plan with your partner
activity-calendar-link-made = Made your private calendar link
activity-calendar-link-replaced = Replaced your calendar link; the old one stopped working
activity-data-imported = Brought in data from an export
activity-recovery-code-made = Made a new recovery code; the old one stopped working
activity-password-reset-with-recovery-code = Password chosen anew with your recovery code; every device was signed out

## device.rs: a device as a person reads it in their account activity

device-browser-on-system = { $browser } on { $system }
device-a-browser-on-system = A browser on { $system }
device-app-other-client = An app or other client
