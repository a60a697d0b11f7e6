## Suspect identifiers and fraud rings
nav-rings = Fraud rings
nav-identifiers = Identifiers
idkind-phone = Phone
idkind-upi = UPI ID
idkind-email = E-mail
idkind-url = Link
idkind-domain = Website
idkind-handle = Social media account
idkind-bank-account = Bank account
idkind-ifsc = IFSC
idkind-imei = IMEI
idkind-txn-ref = Transaction reference
idkind-crypto = Crypto address
ident-title = Suspect identifiers
ident-none-confirmed = No identifier confirmed yet.
ident-proposed = Found in what the victim told and pasted — confirm the right ones
ident-confirm-selected = Confirm selected
ident-add-manually = Add an identifier by hand
ident-kind = Kind
ident-kind-guess = Work it out from the value
ident-value = Identifier
ident-add = Add
ident-remove = Remove
ident-source-narrative = from the narrative
ident-source-suspect = from the suspect details
ident-source-pasted = from the pasted messages
ident-source-manual = added by hand
ident-flag-watch = On the watch-list
ident-flag-genuine = Genuine, never links cases
ident-flag-none = No flag
ident-flag-label = Flag
ident-flag-note = Note (why)
ident-flag-save = Save flag
ident-watch-alert = Watch-list alert: { $identifier } is on the watch-list.
ident-not-linking = Not used to link cases.
ident-spread-none = Appears in no other case.
ident-spread-unknown = Appears in no case yet.
ident-spread-other = { $count ->
    [0] Appears in no other case
    [one] Appears in one other case
   *[other] Appears in { $count } other cases
} ({ $districts }), first reported { $first }.
ident-spread-all = { $count ->
    [0] Appears in no case
    [one] Appears in one case
   *[other] Appears in { $count } cases
} ({ $districts }), first reported { $first }.
ident-ring-link = { $count ->
    [one] Part of a fraud ring of one case
   *[other] Part of a fraud ring of { $count } cases
}
ident-lookup-title = Look up an identifier
ident-lookup-hint = A phone number, UPI ID, account number, website, profile link… written any way.
ident-lookup-none = No case mentions this identifier.
ident-your-cases = Your districts' cases
ident-flagged-title = Watch-list and genuine numbers
ident-flagged-none = Nothing flagged yet.
ident-error-not-identifier = This does not look like a phone number, UPI ID, account, link or other identifier.
ident-error-not-kind = This is not a valid identifier of that kind.
ident-error-none-picked = Tick at least one identifier, or type one.
ring-title = Fraud rings
ring-intro = Cases tied together by the same UPI ID, phone number, account, website or profile. Cases in other districts are counted but not named.
ring-none = No two cases share an identifier yet.
ring-cases = { $count ->
    [0] No cases
    [one] One case
   *[other] { $count } cases
}
ring-money = Money reported lost:
ring-identifiers = Shared identifiers
ring-visible-note = Only your districts' cases are listed; the counts above include all districts.
ring-export-csv = Download CSV
ring-export-json = Download JSON
ring-col-ring = Ring
ring-col-identifiers = Shared identifiers
event-identifiers = Identifiers confirmed
event-identifier-removed = Identifier removed
event-watch-match = Watch-list match
ident-preview-title = Identifiers in what you typed
ident-preview-hint = You confirm them on the case page after registering.
