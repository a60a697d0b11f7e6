## Audit, consent, retention, data export
audit-title = Who looked at this case
audit-none = Nobody yet.
audit-unknown-user = (unknown)
audit-case-read = opened the case
audit-case-denied = tried to open the case (another district)
audit-case-export = exported the case's data
audit-consent-override = referred without consent (override)
audit-legal-hold = changed the legal hold
audit-case-erased = erased the personal data
