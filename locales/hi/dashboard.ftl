## डैशबोर्ड और मासिक रिपोर्ट
nav-dashboard = डैशबोर्ड
dashboard-title = डैशबोर्ड
dashboard-state = पूरा राज्य
dashboard-all-districts = मेरे सभी ज़िले
dashboard-from = किस महीने से
dashboard-to = किस महीने तक
dashboard-show = दिखाएँ
dashboard-report-link = मासिक रिपोर्ट { $month }
dashboard-report-csv = CSV फ़ाइल
dashboard-report-xlsx = एक्सेल (XLSX)
dashboard-report-section-cases = दर्ज मामले
dashboard-report-section-category = श्रेणी के अनुसार मामले (राष्ट्रीय पोर्टल)
dashboard-report-section-scam = ठगी के प्रकार के अनुसार मामले
dashboard-report-section-channel = मामले केंद्र तक कैसे पहुँचे
dashboard-report-section-money = पैसा
dashboard-report-section-golden = पैसे वाले मामले और गोल्डन आवर
dashboard-report-section-portal = दर्ज होने से पोर्टल पर शिकायत तक का समय
dashboard-report-section-referral = दर्ज होने से रेफ़रल तक का समय
dashboard-report-section-tasks = समय-सीमाएँ
dashboard-report-hours = { $hours } घंटे
dashboard-report-made = { $centre } ने सहायक से बनाई। यही आँकड़े CSV और एक्सेल डाउनलोड में हैं।
dashboard-report-name = रिपोर्ट
dashboard-report-date = तारीख
dashboard-report-pdf = PDF फ़ाइल
dashboard-report-title = मासिक MIS रिपोर्ट
dashboard-cohort-note = मासिक आँकड़े उस महीने में दर्ज हुए मामलों के हैं (भारतीय समय)।
dashboard-as-of = खुले मामले और बकाया काम { $time } तक के।
dashboard-data-of = आँकड़े: { $chart }
dashboard-total = कुल
dashboard-others = बाकी सब
dashboard-cases = मामले
dashboard-count = संख्या
dashboard-money = रकम का प्रकार
dashboard-amount = रकम
dashboard-hour = घंटा (भारतीय समय)
dashboard-delay = दर्ज होने के बाद का समय
dashboard-deadlines = समय-सीमाएँ
dashboard-kpi-registered = दर्ज मामले
dashboard-kpi-golden = गोल्डन आवर में पहुँचे
dashboard-kpi-open = अभी खुले मामले
dashboard-kpi-overdue = समय-सीमा पार खुले मामले
dashboard-cases-title = श्रेणी के अनुसार मामले, महीनेवार
dashboard-cases-summary = { $count ->
    [0] अवधि में कोई मामला दर्ज नहीं हुआ।
    [one] अवधि में एक मामला दर्ज हुआ; हर महीने का स्तंभ राष्ट्रीय पोर्टल की श्रेणी के अनुसार बँटा है।
   *[other] अवधि में { $count } मामले दर्ज हुए; हर महीने का स्तंभ राष्ट्रीय पोर्टल की श्रेणी के अनुसार बँटा है।
}
dashboard-scams-title = ठगी के प्रकार के अनुसार मामले, महीनेवार
dashboard-scams-summary = { $count ->
    [0] अवधि में कोई मामला दर्ज नहीं हुआ।
    [one] अवधि में एक मामला दर्ज हुआ; हर महीने का स्तंभ ठगी के प्रकार के अनुसार बँटा है।
   *[other] अवधि में { $count } मामले दर्ज हुए; हर महीने का स्तंभ ठगी के प्रकार के अनुसार बँटा है।
}
dashboard-money-title = गई, होल्ड हुई और वापस मिली रकम
dashboard-money-summary = अवधि में दर्ज मामलों की रकम: दर्ज करते समय बताई गई ठगी की रकम, बैंकों में होल्ड की गई रकम, और पीड़ितों को सचमुच वापस मिली रकम।
dashboard-money-note = होल्ड की गई रकम अभी लौटी नहीं है; केवल "वापस मिली" रकम पीड़ितों के पास पहुँची है।
dashboard-golden-title = गोल्डन आवर में दर्ज पैसे वाले मामले
dashboard-golden-summary = जिन पैसे वाले मामलों का समय पता है, उनमें से { $share } पैसा कटने के एक घंटे के भीतर केंद्र पहुँचे।
dashboard-golden-note = पैसे वाला मामला वह है जिसमें पीड़ित के खाते से पैसा गया (या ठगी की रकम बताई गई)। गोल्डन आवर पैसा कटने के समय से — वह दर्ज न हो तो घटना के समय से — मामला दर्ज होने तक गिना जाता है। जिन मामलों में दोनों में से कोई समय दर्ज नहीं, वे अलग दिखाए गए हैं और प्रतिशत में नहीं गिने गए।
dashboard-golden-when = कब पहुँचे
dashboard-golden-within = 60 मिनट के भीतर
dashboard-golden-after = 60 मिनट के बाद
dashboard-golden-unknown = समय दर्ज नहीं
dashboard-golden-money-cases = पैसे वाले मामले
dashboard-portal-title = दर्ज होने से राष्ट्रीय पोर्टल पर शिकायत तक का समय
dashboard-portal-summary = { $count ->
    [0] अवधि के किसी मामले की शिकायत अभी cybercrime.gov.in पर दर्ज नहीं हुई।
    [one] अवधि के एक मामले की शिकायत cybercrime.gov.in पर दर्ज हुई, दर्ज होने के कितने समय बाद — इसके अनुसार।
   *[other] अवधि के { $count } मामलों की शिकायत cybercrime.gov.in पर दर्ज हुई, दर्ज होने के कितने समय बाद — इसके अनुसार।
}
dashboard-portal-count = पोर्टल पर दर्ज
dashboard-referral-title = दर्ज होने से रेफ़र होने तक का समय
dashboard-referral-summary = { $count ->
    [0] अवधि का कोई मामला अभी रेफ़र नहीं हुआ।
    [one] अवधि का एक मामला रेफ़र हुआ, दर्ज होने के कितने समय बाद पहली बार — इसके अनुसार।
   *[other] अवधि के { $count } मामले रेफ़र हुए, दर्ज होने के कितने समय बाद पहली बार — इसके अनुसार।
}
dashboard-referral-count = रेफ़र हुए
dashboard-delay-before = केंद्र आने से पहले
dashboard-delay-1h = एक घंटे के भीतर
dashboard-delay-1d = एक दिन के भीतर
dashboard-delay-7d = एक हफ़्ते के भीतर
dashboard-delay-later = उसके बाद
dashboard-average-hours = औसत: दर्ज होने के { $hours } घंटे बाद (केंद्र आने से पहले की शिकायतें नहीं गिनीं)।
dashboard-average-none = औसत नहीं: अवधि में दर्ज होने के बाद ऐसा कुछ नहीं हुआ।
dashboard-average-label = दर्ज होने के बाद औसत घंटे
dashboard-open-title = उम्र और स्थिति के अनुसार खुले मामले
dashboard-open-summary = { $count ->
    [0] अभी कोई मामला खुला नहीं है।
    [one] अभी एक मामला खुला है; दर्ज होने के बाद के दिनों के अनुसार समूह, स्थिति के अनुसार बँटा।
   *[other] अभी { $count } मामले खुले हैं; दर्ज होने के बाद के दिनों के अनुसार समूह, स्थिति के अनुसार बँटे।
}
dashboard-age-7 = 7 दिन तक
dashboard-age-30 = 8–30 दिन
dashboard-age-90 = 31–90 दिन
dashboard-age-older = 90 दिन से अधिक
dashboard-deadlines-title = चूकी समय-सीमाएँ
dashboard-deadlines-summary = अवधि में दर्ज मामलों के वे काम जो देर से हुए या जिनका समय निकल चुका है, और वे खुले मामले जिनकी अगली समय-सीमा बीत चुकी है।
dashboard-deadlines-note = काम मामलों की योजना के वे कदम हैं जिनका नियत समय है। "समय-सीमा पार खुले मामले" में हर खुला मामला गिना जाता है, चाहे वह कभी भी दर्ज हुआ हो।
dashboard-tasks-due = नियत समय वाले काम
dashboard-tasks-late = नियत समय के बाद पूरे हुए
dashboard-tasks-open-overdue = अधूरे, आज से पहले नियत
dashboard-cases-overdue = समय-सीमा पार खुले मामले
dashboard-hours-title = हेल्पलाइन के सबसे व्यस्त घंटे
dashboard-hours-summary = अवधि में हेल्पलाइन कॉल या WhatsApp से आए मामले, दिन के घंटे के अनुसार (भारतीय समय); सबसे व्यस्त घंटा { $hour } रहा।
dashboard-hours-none = अवधि में हेल्पलाइन से कोई मामला नहीं आया।
dashboard-report-col-month = महीना
dashboard-report-col-district = ज़िला कोड
dashboard-report-col-district-name = ज़िला
dashboard-report-col-section = खंड
dashboard-report-col-item = मद
dashboard-report-col-label = विवरण
dashboard-report-col-value = मान
dashboard-report-col-unit = इकाई
error-month = महीना YYYY-MM रूप में लिखें, जैसे 2026-03।
error-month-order = पहला महीना आखिरी महीने के बाद का नहीं हो सकता।
error-month-range = अधिकतम 120 महीने चुनें।
