# The evidence vault. Every key here must also be in hi/evidence.ftl (a test checks).

## The case page's section
evidence-title = Evidence
evidence-none = No evidence yet. Add screenshots, chat exports, bank statements, call recordings, e-mails or videos below.
evidence-add = Add evidence files
evidence-upload = Upload and record
evidence-sending = Sending…
evidence-limits = Choose one or more files. Up to { $file } per file; this case has room for { $room } more.
evidence-choose-again = Files are not kept when a form is sent back: choose them again.
evidence-verify = Verify this case's evidence
evidence-bundle = Download all as ZIP
evidence-added-by = Added by { $who }
evidence-from-victim = from the victim
evidence-copy-of = copy of #{ $item }
evidence-captured-by-short = by { $who }
evidence-yes = Yes

## Upload form
evidence-field-files = Files
evidence-field-description = What these files show
evidence-capture-legend = How and from which device they were captured
evidence-capture-hint = The court's certificate (BSA s.63) asks for these: fill in what you know.
evidence-field-capture-method = How it was captured
evidence-field-device-type = Device
evidence-field-device-make-model = Make and model
evidence-field-device-id = IMEI / serial number
evidence-hint-device-id = For a phone, the IMEI (dial *#06#); otherwise a serial number, MAC or account id.
evidence-field-captured-by = Captured by
evidence-field-captured-at = Captured on (IST)
evidence-field-captured-where = Captured at (place)
evidence-field-victim-supplied = The victim supplied these files

## One item
evidence-details = Details
evidence-field-name = File name (as sent)
evidence-field-type = Type (from its contents)
evidence-field-size = Size
evidence-field-derived-from = Copy of
evidence-field-added = Added
evidence-copies = Copies made from it
evidence-open = Open
evidence-download = Download
evidence-open-logged = Opening or downloading a file is recorded in its chain of custody.
evidence-custody = Chain of custody
evidence-custody-hint = Every action on this file, in order. Each entry's hash covers the one before it, so a changed or removed entry is detected.
evidence-custody-when = When
evidence-custody-who = Who
evidence-custody-what = Action
evidence-custody-why = Why / details
evidence-custody-hash = Entry hash
evidence-record = Record a hand-over
evidence-record-reason = To whom, how and why
evidence-record-hint = For example: "Pen drive handed to SI Meena, Cyber Police Station Jaipur, letter no. 123/2026".
evidence-record-save = Record it
evidence-portal-copy = Copy for the national portal
evidence-portal-copy-hint = Makes a smaller JPEG copy as a new item with its own hash. The original stays exactly as it is.
evidence-portal-target = Size limit
evidence-target-evidence = Evidence upload (under 10 MB)
evidence-target-id-proof = ID proof (under 5 MB)
evidence-portal-copy-make = Make the copy
evidence-derived-portal = JPEG under 10 MB for the national portal, made from #{ $item }
evidence-derived-id-proof = JPEG under 5 MB (ID proof) for the national portal, made from #{ $item }

## Kinds of file
evidence-kind-image = Image
evidence-kind-video = Video
evidence-kind-audio = Audio
evidence-kind-pdf = PDF
evidence-kind-email = E-mail
evidence-kind-text = Text
evidence-kind-archive = Archive
evidence-kind-other = Other file

## Devices (the s.63 Schedule's checklist)
evidence-device-mobile = Mobile phone
evidence-device-computer-storage = Computer / storage media
evidence-device-dvr = DVR
evidence-device-flash-drive = Flash drive
evidence-device-cd-dvd = CD / DVD
evidence-device-server = Server
evidence-device-cloud = Cloud
evidence-device-other = Other

## Capture methods
evidence-method-screenshot = Screenshot
evidence-method-screen-recording = Screen recording
evidence-method-app-export = Exported from the app (e.g. WhatsApp chat export)
evidence-method-download = Downloaded (statement, receipt)
evidence-method-email-saved = E-mail saved with headers (.eml)
evidence-method-call-recording = Call recording
evidence-method-photo = Photo of a screen or paper
evidence-method-device-copy = Copied from the device
evidence-method-other = Other

## Custody actions
evidence-action-received = Received
evidence-action-derived = Made as a copy
evidence-action-viewed = Viewed
evidence-action-downloaded = Downloaded
evidence-action-exported = Exported in a bundle
evidence-action-copied = Copied
evidence-action-handed-to-police = Handed to police
evidence-action-erased = File deleted (retention period ended)

## Verification
evidence-verify-title = Evidence verification
evidence-verify-checked = Every file re-hashed and every chain of custody checked at { $when } (IST).
evidence-verify-ok = { $count ->
    [0] This case has no evidence yet.
    [one] The item matches: file unchanged, chain of custody intact.
   *[other] All { $count } items match: files unchanged, chains of custody intact.
}
evidence-verify-bad = { $count ->
    [0] No item differs from what was recorded.
    [one] 1 item does not match what was recorded. Do not submit it before this is explained.
   *[other] { $count } items do not match what was recorded. Do not submit them before this is explained.
}
evidence-verify-good = Items that match
evidence-finding-missing = The stored file is missing.
evidence-finding-changed = The stored file has changed: its SHA-256 is now { $sha256 } ({ $size } bytes).
evidence-finding-edited = Custody entry { $seq } was changed after it was written (for entry 1: or the item's recorded details were).
evidence-finding-gap = Custody entries { $from }–{ $to } are missing.
evidence-finding-link = Custody entry { $seq } does not follow the entry before it: an entry was inserted, replaced or moved.
evidence-finding-end = The chain of custody should end at entry { $recorded } but ends at { $found }: entries were removed from its end.

## The bundle's index
evidence-index-title = Evidence of case { $case }
evidence-index-centre = Centre
evidence-index-exported = Exported
evidence-index-algorithm = Hash algorithm
evidence-index-items = Items
evidence-index-how = Each file's SHA-256 is in manifest.sha256. To check that no file changed, run this in the folder where the ZIP was unpacked:
evidence-index-file = File in this ZIP

## Errors
evidence-error-no-file = Choose at least one file.
evidence-error-file-too-large = A file is larger than the limit for one file (shown beside the form).
evidence-error-case-full = These files would take the case over its evidence limit (shown beside the form).
evidence-error-upload-broken = The upload did not arrive complete (the connection broke). Nothing was saved: send the files again.
evidence-error-imei = This IMEI is not valid: check the 15 digits (dial *#06# on the phone).
evidence-error-original = Choose an item of this case as the original.
evidence-error-reason = Say to whom, how and why.
evidence-error-not-image = Only JPEG, PNG and WebP images can be made smaller.
evidence-error-already-small = This image is already under that limit: upload the original itself.
evidence-restricted = Evidence in a sextortion case is seen only by the staff member the case is assigned to and by supervisors. You can still add files the victim brings.
