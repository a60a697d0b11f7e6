# डेस्क पर पहला घंटा (issue 15): समय वाले खाने, मामले का पेज, काम की सूची, ऊपर का मेनू।

## समय: जैसे लोग बोलते हैं, वैसे लिखें; सही समय (IST) नीचे दिखता है
when-quick-now = अभी
when-quick-10-min = 10 मिनट पहले
when-quick-30-min = 30 मिनट पहले
when-quick-1-hour = 1 घंटा पहले
when-quick-2-hours = 2 घंटे पहले
when-quick-yesterday-evening = कल शाम
when-hint = "अभी", "30 मिनट पहले", "कल शाम" लिखें, या तारीख और समय जैसे 07-12-2026 21:30 (IST)।
when-echo = { $when } IST — यानी { $ago }
when-unreadable = समझ नहीं आया। ऐसे लिखें: "30 मिनट पहले", "कल रात 9 बजे" या 07-12-2026 21:30।

## छोटी स्क्रीन पर ऊपर का मेनू
nav-menu = मेनू

## मामले का पेज
case-sections = इस मामले में
triage-golden-index = गोल्डन आवर
triage-golden-actions = सबसे पहले करने वाले तीन काम
triage-other-none = अभी कोई और कार्रवाई दर्ज नहीं है।
deadline-none-open = कोई समय-सीमा बाकी नहीं।
deadline-met-count = { $count ->
    [0] कोई समय-सीमा अभी पूरी नहीं हुई
    [one] एक समय-सीमा पूरी हुई
   *[other] { $count } समय-सीमाएँ पूरी हुईं
}

## काम की सूची
queue-golden = गोल्डन आवर में
queue-deadlines = समय-सीमाएँ और काम
queue-waiting = अभी कुछ बाकी नहीं
queue-your-tasks-none = आपका कोई काम बाकी नहीं।
queue-since-money = पैसा { $time } पहले गया
queue-why-risk = व्यक्ति को खतरा

## नया मामला
form-required-when-amount = रकम गई हो तो ज़रूरी
form-required-when-money = पैसा गया हो तो ज़रूरी
form-district-remembered = आपका पिछला ज़िला चुना हुआ है; पीड़ित किसी और ज़िले का हो तो बदलें।
error-summary-title = कृपया ये खाने ठीक करें:

list-dates-hint = तारीख DD-MM-YYYY में, जैसे 07-12-2026।

## ज़िले का केंद्र
dir-centre-name-hi = केंद्र का नाम हिंदी में
