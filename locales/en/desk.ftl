# The first hour at the desk (issue 15): time fields, the case page's layout, the queue, the header.

## Time fields: what people say, read back as an exact time (IST)
when-quick-now = now
when-quick-10-min = 10 minutes ago
when-quick-30-min = 30 minutes ago
when-quick-1-hour = 1 hour ago
when-quick-2-hours = 2 hours ago
when-quick-yesterday-evening = yesterday evening
when-hint = Type "now", "30 minutes ago", "yesterday evening" or a date and time like 07-12-2026 21:30 (IST).
when-echo = { $when } IST — { $ago }
when-unreadable = Not understood. Try "30 minutes ago", "yesterday 9 pm" or 07-12-2026 21:30.

## The header on narrow screens
nav-menu = Menu

## The case page
case-sections = On this case
triage-golden-index = Golden hour
triage-golden-actions = The three first actions
triage-other-none = No other action recorded yet.
deadline-none-open = No open deadline.
deadline-met-count = { $count ->
    [0] No deadline met yet
    [one] One deadline met
   *[other] { $count } deadlines met
}

## The queue
queue-golden = In the golden hour
queue-deadlines = Deadlines and tasks
queue-waiting = Nothing due yet
queue-your-tasks-none = No open task of yours.
queue-since-money = money left { $time } ago
queue-why-risk = person at risk

## Intake
form-required-when-amount = required when money was lost
form-required-when-money = required when money left
form-district-remembered = Your last district is chosen; change it if this victim belongs to another.
error-summary-title = Please correct these fields:

list-dates-hint = Dates as DD-MM-YYYY, e.g. 07-12-2026.

## The district's centre
dir-centre-name-hi = Centre's name in Hindi
