# Victim self-service: following one's own case with reference and code.
track-title = Follow your case
track-intro = Enter the case reference and the access code printed on the papers the centre gave you (or sent to your mobile).
track-reference-hint = e.g. JPR-2026-000123
track-code = Access code
track-code-hint = 12 letters and digits; dashes and spaces do not matter
track-open = Open my case
track-failed = The reference or the code is not right. Check the papers from the centre, or call the centre.
track-throttled = Too many wrong codes. For your safety, try again in { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}, or call the centre.
track-case-title = Your case
track-registered = Registered on
track-next-steps = What to do now
track-no-steps = The centre has not yet written down your next steps. They will call you.
track-add-info = Tell us something new
track-message = What has happened since, or what you remembered (new calls, messages, bank replies)
track-send = Send to the centre
track-info-sent = Thank you. The centre has received your message.
track-callback = Ask for a call back
track-callback-when = When is a good time to call you? (optional)
track-callback-ask = Please call me
track-callback-sent = The centre will call you back.
track-upload = Send more evidence
track-files = Screenshots, statements, chat exports, recordings
track-upload-limits = Up to { $size } in all.
track-files-about = What are these files? (optional)
track-files-send = Send files
track-files-sent = { $count ->
    [0] No file received.
    [one] One file received. Thank you.
   *[other] { $count } files received. Thank you.
}
track-sent = What you sent
track-sent-info = Message
track-sent-callback = Call-back request
track-seen = seen by the centre
track-centre-phone = The centre's helpline: { $phone }
track-logout = Close my case page
track-status-new = The centre has registered your complaint and will contact you.
track-status-in-progress = The centre is working on your case.
track-status-referred = Your case has been taken to the police or to legal aid; the centre follows it up.
track-status-awaiting-victim = The centre is waiting for something from you. Please call the centre or send it here.
track-status-awaiting-police = The centre is waiting for the police to act.
track-status-awaiting-bank = The centre is waiting for the bank to reply.
track-status-closed = Your case is closed. If something new happens, call the centre.
sheet-track-title = Follow your case online
sheet-track = Open /track on the centre's website and enter:

# The public help page.
help-title = Get help now
help-link = Lost money or been threatened online? Get help now
help-1930 = Money taken from your account? Call 1930 at once, from your own mobile. In the first hour the money can often still be put on hold.
help-first-1 = Call 1930 (the national cyber crime helpline) and give the transaction details: amount, date and time, UTR or transaction ID.
help-first-2 = Call your bank's customer care and ask them to block your card, UPI or net banking.
help-first-3 = Do not delete anything: keep screenshots of messages, call logs, the fraudster's numbers and the bank's SMS.
help-first-4 = Do not pay anyone who promises to get your money back. Police and banks never ask for money to return it.
help-portal = File your complaint on the national cyber crime portal:
help-centre = The Cyber Support Centre
help-centre-phone = Helpline:
help-track = Already registered with us? Follow your case
help-check-title = What happened to you?
help-check-what = What kind of fraud or crime was it?
help-check-money = Did money leave your account?
help-check-when = When did it happen?
help-yes = Yes
help-no = No
help-when-hour = In the last hour
help-when-day = Today or yesterday
help-when-older = Earlier
help-check-submit = Show me what to do
help-advice = What to do
help-call-now = Call 1930 now, before anything else. Then come back to this page.
help-tips = How to stay safe
help-come-in = Come to the Cyber Support Centre with your phone and bank papers, or call the helpline: we help you file the complaint and follow it up, free of charge.

# Staff: the case page's self-service section.
victim-title = Victim self-service
victim-no-code = The victim has no access code yet. Issue one so they can follow the case, add information and send files from their phone.
victim-issue = Issue an access code
victim-reissue = Issue a new code (the old one stops working)
victim-issued = issued { $when }
victim-code-hint = Give the victim the reference and this code (it is printed on the victim's plan sheet and sent to their mobile). Keep it private.
victim-code-hint-print = Give the victim the reference and this code (it is printed on the victim's plan sheet). No SMS gateway is set up, so nothing is sent to their mobile. Keep it private.
victim-requests = From the victim
victim-request-info = Message
victim-request-callback = Call-back request
victim-request-handled = done by { $who }
victim-mark-done = Mark done
victim-open = { $count ->
    [0] none new
    [one] 1 new
   *[other] { $count } new
}
victim-code-message = Cyber Support Centre: to follow your case { $reference } open { $link } and enter the code { $code }. Do not share this code.
audit-case-victim-read = the victim opened the case with their code
audit-case-victim-denied = a wrong victim code was tried
audit-case-victim-info = the victim sent information
audit-case-victim-callback = the victim asked for a call back
audit-case-victim-upload = the victim sent files
audit-case-victim-code = issued the victim a new access code
login-victims = Not staff? Victims of cyber fraud:
