# Awareness programmes in schools, colleges, offices and community groups (src/awareness/).
nav-awareness = Awareness
awareness-kind-school = School
awareness-kind-college = College
awareness-kind-office = Office
awareness-kind-community = Community group
awareness-audience-students = Students
awareness-audience-teachers = Teachers
awareness-audience-staff = Staff
awareness-audience-parents = Parents
awareness-audience-senior-citizens = Senior citizens
awareness-status-planned = Planned
awareness-status-held = Held
awareness-status-cancelled = Cancelled
awareness-language-hi = Hindi
awareness-language-en = English
awareness-language-both = Hindi and English

awareness-calendar-title = Awareness programmes
awareness-calendar-period = { $period }
awareness-calendar-pages = Earlier and later programmes
awareness-calendar-empty = No programmes in these days.
awareness-plan = Plan a programme
awareness-plan-here = Plan a programme
awareness-from = From
awareness-earlier = Earlier
awareness-today = From today
awareness-later = Later
awareness-attended = { $count ->
    [0] Nobody attended
    [one] 1 attended
   *[other] { $count } attended
}

awareness-institutions-title = Institutions
awareness-institutions-hint = Those never visited come first, then those visited longest ago.
awareness-institutions-empty = No institutions yet.
awareness-institution-add = Add an institution
awareness-institution-edit = Change the institution
awareness-institution = Institution
awareness-kind = Type
awareness-address = Address or area
awareness-contact-person = Contact person
awareness-phone = Phone
awareness-email = E-mail
awareness-last-visited = Last programme held
awareness-never = Never
awareness-actions = Actions
awareness-save = Save

awareness-programme-edit = Change the programme
awareness-starts-at = Date and time (IST)
awareness-venue = Venue
awareness-audience = Audience
awareness-classes = Classes (for students, e.g. "Class 9–10")
awareness-language = Language
awareness-speakers = Speakers
awareness-topics = Topics
awareness-materials = Materials used
awareness-status = Status
awareness-attendance = Attendance
awareness-use-quiz = Use the before/after quiz (3–5 questions on the topics)
awareness-about = The programme
awareness-record = Record

awareness-feedback-link = Feedback link
awareness-feedback-link-hint = Show this on the projector or print it for handouts. Attendees need no sign-in and give no name.
awareness-stage-before = At the start (quiz)
awareness-stage-after = At the end (feedback and quiz)
awareness-feedback-title = Feedback
awareness-responses = Answer sheets
awareness-rating = Average rating
awareness-quiz-before = Quiz at the start
awareness-quiz-after = Quiz at the end
awareness-quiz-average = { $share } right on average
awareness-changes = What attendees will do differently

awareness-certificates = Certificates of participation
awareness-certificate-institution = For the institution
awareness-certificate-names = Names, one a line (a certificate for each)
awareness-certificate-lang = Language of the certificates
awareness-certificate-make = Make the certificates (PDF)

awareness-cert-title = Certificate of Participation
awareness-cert-presented = This certificate is presented to
awareness-cert-hosted = { $count ->
    [0] for hosting a cyber-safety awareness programme on { $date }.
    [one] for hosting a cyber-safety awareness programme on { $date }, attended by one person.
   *[other] for hosting a cyber-safety awareness programme on { $date }, attended by { $count } people.
}
awareness-cert-attended = for taking part in the cyber-safety awareness programme at { $institution } on { $date }.
awareness-cert-date = Date
awareness-cert-place = Place
awareness-cert-signature = Signature

awareness-fb-title = Your feedback
awareness-fb-before-title = Before we begin: a short quiz
awareness-fb-anonymous = No name needed. Your answers help us make these sessions better.
awareness-fb-rating = How useful was this session?
awareness-fb-rating-hint = 1 = not useful, 5 = very useful
awareness-fb-change = What will you do differently now?
awareness-fb-optional = (optional)
awareness-fb-quiz = Quiz
awareness-fb-send = Send
awareness-fb-thanks = Thank you! Remember: if money is taken in a fraud, call 1930 at once.
awareness-fb-thanks-before = Thank you! At the end of the session, you will answer the same questions again.

error-awareness-phone = Enter a phone number (6 to 15 digits).
error-awareness-email = Enter an e-mail address such as name@example.org.
error-awareness-attendance-required = A held programme needs its attendance.
error-awareness-attendance = Enter the number of people who attended.
error-awareness-audience = Choose at least one audience.
error-awareness-topics = Choose at least one topic.
error-awareness-topics-many = Choose at most 20 topics.
error-awareness-rating = Choose a rating from 1 to 5.
error-awareness-quiz = Answer every question.
error-awareness-date = Enter a date as YYYY-MM-DD.
error-awareness-date-order = The end must come after the start.
error-awareness-not-held = Certificates are made once the programme has been held.
error-awareness-names = Enter at least one name.
error-awareness-names-many = At most 500 names at a time.

# On the dashboards.
dashboard-kpi-programmes = Awareness programmes held
dashboard-kpi-reached = People reached
dashboard-programmes = Programmes held
dashboard-reached = People reached
dashboard-reached-short = people
dashboard-awareness-title = Awareness programmes held and people reached
dashboard-awareness-summary = { $count ->
    [0] No programmes held.
    [one] One programme held.
   *[other] { $count } programmes held.
}
dashboard-awareness-reached = { $count ->
    [0] Nobody reached.
    [one] One person reached.
   *[other] { $count } people reached.
}
awareness-dashboard-note = Programmes count in the month they were held; people reached is their recorded attendance.
dashboard-around-title = Complaints before and after awareness programmes
dashboard-around-summary = Cases registered in each district in the { $days } days before its first programme of the period, and in the { $days } days from it.
dashboard-before = before
dashboard-after = after
dashboard-after-partial = { $days } days so far
dashboard-first-programme = First programme
dashboard-days-before = Cases, { $days } days before
dashboard-days-after = Cases, { $days } days after
dashboard-around-note = This shows what happened around the programmes, not what they caused: more complaints after a programme can mean people learnt where to report. Other programmes, seasons and news also move the numbers.
