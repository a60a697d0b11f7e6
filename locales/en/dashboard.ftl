## Dashboards and the monthly report
nav-dashboard = Dashboard
dashboard-title = Dashboard
dashboard-state = All of the state
dashboard-all-districts = All my districts
dashboard-from = From month
dashboard-to = To month
dashboard-show = Show
dashboard-report-link = Monthly report { $month }
dashboard-report-csv = CSV
dashboard-report-xlsx = Excel (XLSX)
dashboard-report-section-cases = Cases registered
dashboard-report-section-category = Cases by category (national portal)
dashboard-report-section-scam = Cases by type of scam
dashboard-report-section-channel = How cases reached the centre
dashboard-report-section-money = Money
dashboard-report-section-golden = Money cases and the golden hour
dashboard-report-section-portal = Time from intake to filing on the portal
dashboard-report-section-referral = Time from intake to referral
dashboard-report-section-tasks = Deadlines
dashboard-report-hours = { $hours } h
dashboard-report-made = Made by { $centre } with Sahayak. The same figures are in the CSV and Excel downloads.
dashboard-report-name = Report
dashboard-report-date = Date
dashboard-report-pdf = PDF
dashboard-report-title = Monthly MIS report
dashboard-cohort-note = Monthly figures are about the cases registered in each month (India time).
dashboard-as-of = Open cases and overdue work as of { $time }.
dashboard-data-of = Data: { $chart }
dashboard-total = Total
dashboard-others = All the rest
dashboard-cases = Cases
dashboard-count = Count
dashboard-money = Money
dashboard-amount = Amount
dashboard-hour = Hour (IST)
dashboard-delay = Time after intake
dashboard-deadlines = Deadlines
dashboard-kpi-registered = Cases registered
dashboard-kpi-golden = Reported within the golden hour
dashboard-kpi-open = Open cases now
dashboard-kpi-overdue = Open cases overdue now
dashboard-cases-title = Cases by category, month by month
dashboard-cases-summary = { $count ->
    [0] No cases registered in the period.
    [one] One case registered in the period, stacked by national portal category for each month.
   *[other] { $count } cases registered in the period, stacked by national portal category for each month.
}
dashboard-scams-title = Cases by type of scam, month by month
dashboard-scams-summary = { $count ->
    [0] No cases registered in the period.
    [one] One case registered in the period, stacked by type of scam for each month.
   *[other] { $count } cases registered in the period, stacked by type of scam for each month.
}
dashboard-money-title = Money reported lost, put on hold and restored
dashboard-money-summary = Money of the cases registered in the period: reported lost at intake, put on hold by banks, and actually restored to victims.
dashboard-money-note = Money on hold is not yet returned; only "Restored" is back with the victims.
dashboard-golden-title = Money cases reported within the golden hour
dashboard-golden-summary = { $share } of the money cases whose time is known reached the centre within an hour of the money leaving.
dashboard-golden-note = A money case is one where money left the victim's account (or an amount was reported lost). The golden hour counts from when the money left — or, if that was not recorded, from the incident — to the registration of the case. Cases with neither time are shown apart and left out of the share.
dashboard-golden-when = Reported
dashboard-golden-within = Within 60 minutes
dashboard-golden-after = After 60 minutes
dashboard-golden-unknown = Time not recorded
dashboard-golden-money-cases = Money cases
dashboard-portal-title = Time from intake to filing on the national portal
dashboard-portal-summary = { $count ->
    [0] No case of the period has been filed on cybercrime.gov.in yet.
    [one] One case of the period was filed on cybercrime.gov.in, grouped by how long after intake.
   *[other] { $count } cases of the period were filed on cybercrime.gov.in, grouped by how long after intake.
}
dashboard-portal-count = Filed on the portal
dashboard-referral-title = Time from intake to referral
dashboard-referral-summary = { $count ->
    [0] No case of the period has been referred yet.
    [one] One case of the period was referred, grouped by how long after intake its first referral came.
   *[other] { $count } cases of the period were referred, grouped by how long after intake their first referral came.
}
dashboard-referral-count = Referred
dashboard-delay-before = Before intake
dashboard-delay-1h = Within an hour
dashboard-delay-1d = Within a day
dashboard-delay-7d = Within a week
dashboard-delay-later = Later
dashboard-average-hours = Average: { $hours } hours after intake (filings before intake left out).
dashboard-average-none = No average: nothing was done after intake in the period.
dashboard-average-label = Average hours after intake
dashboard-open-title = Open cases by age and status
dashboard-open-summary = { $count ->
    [0] No cases are open now.
    [one] One case is open now, grouped by days since intake and stacked by status.
   *[other] { $count } cases are open now, grouped by days since intake and stacked by status.
}
dashboard-age-7 = Up to 7 days
dashboard-age-30 = 8–30 days
dashboard-age-90 = 31–90 days
dashboard-age-older = Over 90 days
dashboard-deadlines-title = Deadlines missed
dashboard-deadlines-summary = Tasks of the cases registered in the period that were done late or are overdue, and open cases whose next deadline has passed.
dashboard-deadlines-note = Tasks are the steps of the cases' plans with a due time. "Open cases overdue now" counts every open case, whenever it was registered.
dashboard-tasks-due = Tasks with a due time
dashboard-tasks-late = Done after the due time
dashboard-tasks-open-overdue = Not done, due before today
dashboard-cases-overdue = Open cases overdue now
dashboard-hours-title = Busiest hours of the helpline
dashboard-hours-summary = Cases that came by helpline call or WhatsApp in the period, by hour of the day (India time); the busiest hour was { $hour }.
dashboard-hours-none = No cases came by the helpline in the period.
dashboard-report-col-month = Month
dashboard-report-col-district = District code
dashboard-report-col-district-name = District
dashboard-report-col-section = Section
dashboard-report-col-item = Item
dashboard-report-col-label = Description
dashboard-report-col-value = Value
dashboard-report-col-unit = Unit
error-month = Write the month as YYYY-MM, e.g. 2026-03.
error-month-order = The first month must not be after the last.
error-month-range = Choose at most 120 months.
