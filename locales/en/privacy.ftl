## Audit, consent, retention, data export
audit-title = Who looked at this case
audit-none = Nobody yet.
audit-unknown-user = (unknown)
audit-case-read = opened the case
audit-case-denied = tried to open the case (another district)
audit-case-export = exported the case's data
audit-consent-override = referred without consent (override)
audit-case-legal-hold = changed the legal hold
audit-case-erased = erased the personal data
consent-title = Consent
consent-reporting-assistance = Help with the complaint (portal, 1930, bank)
consent-counselling = Counselling
consent-referral-police = Referral to the police
consent-referral-legal-aid = Referral to legal aid
consent-follow-up = Follow-up calls
consent-not-asked = Not asked yet
consent-given = Given
consent-withdrawn = Withdrawn
consent-by-victim = by the victim
consent-by-guardian = by a parent or guardian
consent-given-by = Given by
consent-guardian-name = Guardian's name
consent-record-given = Record consent
consent-record-withdrawn = Record withdrawal
consent-missing = The victim has not consented to this. Record their consent first (a supervisor may go ahead with a reason).
consent-guardian-needed = The victim is a child: a parent or guardian must give consent, with their name.
consent-minor = The victim is under 18: consent comes from a parent or guardian.
consent-pocso = A child in a sexual-content case: the law (POCSO s.19) requires reporting to the police (SJPU or the local police station).
event-consent = Consent recorded

## Sign-in security: throttling, two-step sign-in, the account page
error-throttled = Too many failed sign-in attempts. Wait a few minutes and try again.
error-code-required = This account signs in in two steps: send the six-digit code from the authenticator app as "code".
login-throttled = Too many failed sign-in attempts for this account or from this computer. For safety, sign-in is paused: try again in { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}. If you have forgotten your password, ask your administrator.
login-code-title = Enter your code
login-code-intro = Open the authenticator app on your phone and type the six-digit code it shows for Sahayak.
login-code = Six-digit code
login-code-wrong = That code is not right. Codes change every 30 seconds: type the one the app shows now.
login-code-expired = The sign-in took too long. Please enter your username and password again.
login-code-start-again = Start again
account-title = Your account
account-back = Back to your account
account-sessions = Where you are signed in
account-sessions-intro = If you signed in on a shared computer or lost a phone, end every session: you will need to sign in again everywhere, and API tokens stop working.
account-session-kind = Kind
account-session-web = Browser
account-session-api = API token
account-session-started = Started
account-session-last-seen = Last active
account-end-sessions = Sign out everywhere
account-totp = Two-step sign-in
account-totp-is-on = On: after your password, you type a code from the authenticator app on your phone.
account-totp-is-off = Off: your password alone signs you in.
account-totp-advised = You are an administrator: please turn on two-step sign-in, so that a stolen password is not enough to get into the centre's records.
account-totp-turn-on = Turn on two-step sign-in
account-totp-off-code = To turn it off, type a current code
account-totp-turn-off = Turn off two-step sign-in
account-totp-turned-on = Two-step sign-in is on. From now on you will be asked for a code after your password.
account-totp-turned-off = Two-step sign-in is off.
account-totp-step-app = Install an authenticator app on your phone (for example Google Authenticator, Microsoft Authenticator or FreeOTP).
account-totp-step-scan = In the app, add an account and scan this code.
account-totp-or-type = Cannot scan? Type this key instead:
account-totp-step-code = Type the six-digit code the app now shows.
account-totp-confirm = Turn on
audit-login-throttled = sign-in paused after too many failures
audit-logout-everywhere = signed out everywhere

## Retention and legal holds
retention-title = Keeping the personal data
retention-open = Kept while the case is open; the retention period starts when it is closed.
retention-until = Personal data will be erased after { $date } (the retention period for this case's purposes), unless a legal hold is put on it.
retention-held = On legal hold: the personal data is kept until the hold is released.
retention-erased-on = The personal data was erased on { $date } when the retention period ended. Only anonymous facts (district, category, dates, amounts) remain, for statistics.
retention-hold = Put on legal hold
retention-hold-reason = Reason for the hold (court order, trial, investigation)
retention-hold-reason-needed = Give the reason for the legal hold.
retention-release = Release the legal hold
retention-erased-no-edit = This case's personal data was erased; it cannot be edited.
retention-erased-name = (erased)

## The data-principal export
export-title = Everything held about a person
export-intro = When a person asks what the centre holds about them (their right under the DPDP Act), enter their mobile number. You will see every case in your districts with that number, with everything recorded in it; print it or download it as a file. Each export is recorded in the audit log.
export-show = Show
export-json = Download as JSON
export-print = Print
export-found = { $count ->
    [0] No cases with this number in your districts
    [one] 1 case with this number
   *[other] { $count } cases with this number
}
export-generated = Prepared on
export-person = The person
export-incident = What happened
export-timeline = Timeline and notes
export-actions = Actions taken
export-evidence = Evidence files held
export-identifiers = Suspect numbers and IDs found
nav-privacy-export = Data requests
case-consent-override = Supervisor override
case-consent-override-hint = only to refer a victim who has not consented to a referral: say why (kept in the audit log)
