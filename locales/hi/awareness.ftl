# जागरूकता कार्यक्रम: स्कूल, कॉलेज, दफ़्तर और सामुदायिक समूह (src/awareness/)।
nav-awareness = जागरूकता
awareness-kind-school = स्कूल
awareness-kind-college = कॉलेज
awareness-kind-office = दफ़्तर
awareness-kind-community = सामुदायिक समूह
awareness-audience-students = विद्यार्थी
awareness-audience-teachers = शिक्षक
awareness-audience-staff = कर्मचारी
awareness-audience-parents = माता-पिता
awareness-audience-senior-citizens = बुज़ुर्ग
awareness-status-planned = तय है
awareness-status-held = हो चुका
awareness-status-cancelled = रद्द
awareness-language-hi = हिंदी
awareness-language-en = अंग्रेज़ी
awareness-language-both = हिंदी और अंग्रेज़ी

awareness-calendar-title = जागरूकता कार्यक्रम
awareness-calendar-period = { $period }
awareness-calendar-pages = पहले और बाद के कार्यक्रम
awareness-calendar-empty = इन दिनों में कोई कार्यक्रम नहीं है।
awareness-plan = नया कार्यक्रम तय करें
awareness-plan-here = कार्यक्रम तय करें
awareness-from = कब से
awareness-earlier = पहले के
awareness-today = आज से
awareness-later = बाद के
awareness-attended = { $count ->
    [0] कोई नहीं आया
    [one] एक व्यक्ति आया
   *[other] { $count } लोग आए
}

awareness-institutions-title = संस्थाएँ
awareness-institutions-hint = जहाँ कभी नहीं गए वे सबसे ऊपर, फिर वे जहाँ सबसे पहले गए थे।
awareness-institutions-empty = अभी कोई संस्था नहीं जोड़ी गई।
awareness-institution-add = संस्था जोड़ें
awareness-institution-edit = संस्था की जानकारी बदलें
awareness-institution = संस्था
awareness-kind = किस तरह की
awareness-address = पता या इलाका
awareness-contact-person = संपर्क व्यक्ति
awareness-phone = फ़ोन
awareness-email = ई-मेल
awareness-last-visited = पिछला कार्यक्रम
awareness-never = कभी नहीं
awareness-actions = काम
awareness-save = सहेजें

awareness-programme-edit = कार्यक्रम बदलें
awareness-starts-at = तारीख और समय (IST)
awareness-venue = जगह
awareness-audience = किनके लिए
awareness-classes = कक्षाएँ (विद्यार्थियों के लिए, जैसे "कक्षा 9–10")
awareness-language = भाषा
awareness-speakers = वक्ता
awareness-topics = विषय
awareness-materials = इस्तेमाल की गई सामग्री
awareness-status = स्थिति
awareness-attendance = कितने लोग आए
awareness-use-quiz = शुरू और आखिर में क्विज़ रखें (विषयों पर 3–5 सवाल)
awareness-about = कार्यक्रम
awareness-record = दर्ज करें

awareness-feedback-link = फ़ीडबैक लिंक
awareness-feedback-link-hint = इसे प्रोजेक्टर पर दिखाएँ या पर्चे पर छापें। लोगों को न साइन इन करना है, न नाम बताना है।
awareness-stage-before = शुरू में (क्विज़)
awareness-stage-after = आखिर में (फ़ीडबैक और क्विज़)
awareness-feedback-title = फ़ीडबैक
awareness-responses = कितने जवाब आए
awareness-rating = औसत रेटिंग
awareness-quiz-before = शुरू की क्विज़
awareness-quiz-after = आखिर की क्विज़
awareness-quiz-average = औसतन { $share } सही
awareness-changes = लोग अब क्या अलग करेंगे

awareness-certificates = भागीदारी प्रमाणपत्र
awareness-certificate-institution = संस्था के लिए
awareness-certificate-names = नाम, हर लाइन में एक (हर नाम का अलग प्रमाणपत्र)
awareness-certificate-lang = प्रमाणपत्र की भाषा
awareness-certificate-make = प्रमाणपत्र बनाएँ (PDF)

awareness-cert-title = भागीदारी प्रमाणपत्र
awareness-cert-presented = प्रमाणित किया जाता है कि
awareness-cert-hosted = { $count ->
    [0] ने { $date } को साइबर सुरक्षा जागरूकता कार्यक्रम का आयोजन किया।
    [one] ने { $date } को साइबर सुरक्षा जागरूकता कार्यक्रम का आयोजन किया, जिसमें एक व्यक्ति ने भाग लिया।
   *[other] ने { $date } को साइबर सुरक्षा जागरूकता कार्यक्रम का आयोजन किया, जिसमें { $count } लोगों ने भाग लिया।
}
awareness-cert-attended = ने { $date } को { $institution } में हुए साइबर सुरक्षा जागरूकता कार्यक्रम में भाग लिया।
awareness-cert-date = दिनांक
awareness-cert-place = स्थान
awareness-cert-signature = हस्ताक्षर

awareness-fb-title = आपकी राय
awareness-fb-before-title = शुरू करने से पहले: छोटी-सी क्विज़
awareness-fb-anonymous = नाम बताने की ज़रूरत नहीं। आपके जवाबों से हम ये सत्र और बेहतर बनाएँगे।
awareness-fb-rating = यह सत्र कितना काम का लगा?
awareness-fb-rating-hint = 1 = काम का नहीं, 5 = बहुत काम का
awareness-fb-change = अब आप क्या अलग करेंगे?
awareness-fb-optional = (चाहें तो)
awareness-fb-quiz = क्विज़
awareness-fb-send = भेजें
awareness-fb-thanks = धन्यवाद! याद रखें: ठगी में पैसा जाए तो तुरंत 1930 पर कॉल करें।
awareness-fb-thanks-before = धन्यवाद! सत्र के आखिर में यही सवाल फिर से पूछे जाएँगे।

error-awareness-phone = फ़ोन नंबर लिखें (6 से 15 अंक)।
error-awareness-email = ई-मेल पता लिखें, जैसे name@example.org।
error-awareness-attendance-required = हो चुके कार्यक्रम में बताएँ कि कितने लोग आए।
error-awareness-attendance = आए हुए लोगों की गिनती लिखें।
error-awareness-audience = कम से कम एक चुनें कि कार्यक्रम किनके लिए है।
error-awareness-topics = कम से कम एक विषय चुनें।
error-awareness-topics-many = ज़्यादा से ज़्यादा 20 विषय चुनें।
error-awareness-rating = 1 से 5 के बीच रेटिंग चुनें।
error-awareness-quiz = हर सवाल का जवाब दें।
error-awareness-date = तारीख YYYY-MM-DD की तरह लिखें।
error-awareness-date-order = आखिरी तारीख शुरू की तारीख के बाद होनी चाहिए।
error-awareness-not-held = प्रमाणपत्र कार्यक्रम हो जाने के बाद बनते हैं।
error-awareness-names = कम से कम एक नाम लिखें।
error-awareness-names-many = एक बार में ज़्यादा से ज़्यादा 500 नाम।

# डैशबोर्ड पर।
dashboard-kpi-programmes = हुए जागरूकता कार्यक्रम
dashboard-kpi-reached = कितने लोगों तक पहुँचे
dashboard-programmes = हुए कार्यक्रम
dashboard-reached = कितने लोगों तक पहुँचे
dashboard-reached-short = लोग
dashboard-awareness-title = हुए जागरूकता कार्यक्रम और कितने लोगों तक पहुँचे
dashboard-awareness-summary = { $count ->
    [0] कोई कार्यक्रम नहीं हुआ।
    [one] एक कार्यक्रम हुआ।
   *[other] { $count } कार्यक्रम हुए।
}
dashboard-awareness-reached = { $count ->
    [0] किसी तक नहीं पहुँचे।
    [one] एक व्यक्ति तक पहुँचे।
   *[other] { $count } लोगों तक पहुँचे।
}
awareness-dashboard-note = कार्यक्रम उसी महीने में गिना जाता है जिसमें वह हुआ; लोगों की गिनती दर्ज की गई हाज़िरी है।
dashboard-around-title = जागरूकता कार्यक्रमों से पहले और बाद की शिकायतें
dashboard-around-summary = हर ज़िले में अवधि के पहले कार्यक्रम से { $days } दिन पहले और उसके बाद के { $days } दिनों में दर्ज मामले।
dashboard-before = पहले
dashboard-after = बाद में
dashboard-after-partial = अब तक { $days } दिन
dashboard-first-programme = पहला कार्यक्रम
dashboard-days-before = मामले, { $days } दिन पहले
dashboard-days-after = मामले, { $days } दिन बाद
dashboard-around-note = यह दिखाता है कि कार्यक्रमों के आसपास क्या हुआ, यह नहीं कि कार्यक्रमों की वजह से हुआ: कार्यक्रम के बाद ज़्यादा शिकायतों का मतलब यह भी हो सकता है कि लोगों ने जाना कि शिकायत कहाँ करें। दूसरे कार्यक्रम, मौसम और खबरें भी इन आँकड़ों को बदलती हैं।
