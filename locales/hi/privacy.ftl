## Audit, consent, retention, data export
audit-title = इस मामले को किसने देखा
audit-none = अभी किसी ने नहीं।
audit-unknown-user = (अज्ञात)
audit-case-read = मामला खोला
audit-case-denied = मामला खोलने की कोशिश की (दूसरा ज़िला)
audit-case-export = मामले का डेटा एक्सपोर्ट किया
audit-consent-override = सहमति के बिना रेफ़र किया (पर्यवेक्षक की विशेष अनुमति)
audit-case-legal-hold = कानूनी रोक बदली
audit-case-erased = निजी जानकारी मिटाई
consent-title = सहमति
consent-reporting-assistance = शिकायत में मदद (पोर्टल, 1930, बैंक)
consent-counselling = काउंसलिंग
consent-referral-police = पुलिस को रेफ़र करना
consent-referral-legal-aid = कानूनी मदद के लिए रेफ़र करना
consent-follow-up = बाद में फ़ोन करके हाल पूछना
consent-not-asked = अभी पूछा नहीं
consent-given = दी गई
consent-withdrawn = वापस ली गई
consent-by-victim = पीड़ित ने
consent-by-guardian = माता-पिता या अभिभावक ने
consent-given-by = किसने दी
consent-guardian-name = अभिभावक का नाम
consent-record-given = सहमति दर्ज करें
consent-record-withdrawn = सहमति वापसी दर्ज करें
consent-missing = पीड़ित ने इसके लिए सहमति नहीं दी है। पहले उनकी सहमति दर्ज करें (पर्यवेक्षक कारण लिखकर विशेष अनुमति दे सकते हैं)।
consent-guardian-needed = पीड़ित बच्चा है: सहमति माता-पिता या अभिभावक दें, और उनका नाम लिखें।
consent-minor = पीड़ित 18 वर्ष से कम है: सहमति माता-पिता या अभिभावक से ली जाती है।
consent-pocso = बच्चे से जुड़ा यौन सामग्री का मामला: कानून (POCSO धारा 19) के अनुसार पुलिस (SJPU या स्थानीय थाना) को सूचना देना अनिवार्य है।
event-consent = सहमति दर्ज हुई

## Sign-in security: throttling, two-step sign-in, the account page
error-throttled = साइन इन की बहुत सारी कोशिशें विफल रहीं। कुछ मिनट रुककर फिर कोशिश करें।
error-code-required = यह अकाउंट दो चरणों में साइन इन करता है: ऑथेंटिकेटर ऐप का छह अंकों का कोड "code" में भेजें।
login-throttled = इस अकाउंट या इस कंप्यूटर से साइन इन की बहुत सारी कोशिशें विफल रहीं। सुरक्षा के लिए साइन इन कुछ देर बंद है: { $minutes ->
    [one] 1 मिनट
   *[other] { $minutes } मिनट
} बाद फिर कोशिश करें। पासवर्ड भूल गए हों तो अपने एडमिन से कहें।
login-code-title = अपना कोड डालें
login-code-intro = अपने फ़ोन पर ऑथेंटिकेटर ऐप खोलें और सहायक के लिए दिखाया गया छह अंकों का कोड लिखें।
login-code = छह अंकों का कोड
login-code-wrong = यह कोड सही नहीं है। कोड हर 30 सेकंड में बदलता है: ऐप में अभी दिख रहा कोड लिखें।
login-code-expired = साइन इन में बहुत समय लगा। कृपया यूज़रनेम और पासवर्ड फिर से डालें।
login-code-start-again = फिर से शुरू करें
account-title = आपका अकाउंट
account-back = अपने अकाउंट पर वापस
account-sessions = आप कहाँ-कहाँ साइन इन हैं
account-sessions-intro = अगर आपने किसी साझा कंप्यूटर पर साइन इन किया था या फ़ोन खो गया है, तो हर जगह से साइन आउट करें: आपको हर जगह फिर से साइन इन करना होगा, और API टोकन काम करना बंद कर देंगे।
account-session-kind = प्रकार
account-session-web = ब्राउज़र
account-session-api = API टोकन
account-session-started = शुरू हुआ
account-session-last-seen = आखिरी बार सक्रिय
account-end-sessions = हर जगह से साइन आउट करें
account-totp = दो-चरण साइन इन
account-totp-is-on = चालू: पासवर्ड के बाद आप अपने फ़ोन के ऑथेंटिकेटर ऐप का कोड डालते हैं।
account-totp-is-off = बंद: केवल पासवर्ड से साइन इन होता है।
account-totp-advised = आप एडमिन हैं: कृपया दो-चरण साइन इन चालू करें, ताकि केवल चोरी हुआ पासवर्ड केंद्र के रिकॉर्ड तक पहुँचने के लिए काफ़ी न हो।
account-totp-turn-on = दो-चरण साइन इन चालू करें
account-totp-off-code = बंद करने के लिए अभी का कोड लिखें
account-totp-turn-off = दो-चरण साइन इन बंद करें
account-totp-turned-on = दो-चरण साइन इन चालू हो गया। अब पासवर्ड के बाद आपसे कोड माँगा जाएगा।
account-totp-turned-off = दो-चरण साइन इन बंद हो गया।
account-totp-step-app = अपने फ़ोन पर कोई ऑथेंटिकेटर ऐप इंस्टॉल करें (जैसे Google Authenticator, Microsoft Authenticator या FreeOTP)।
account-totp-step-scan = ऐप में नया अकाउंट जोड़ें और यह कोड स्कैन करें।
account-totp-or-type = स्कैन नहीं हो रहा? इसकी जगह यह कुंजी लिखें:
account-totp-step-code = ऐप में अब दिख रहा छह अंकों का कोड लिखें।
account-totp-confirm = चालू करें
audit-login-throttled = बहुत सारी विफल कोशिशों के बाद साइन इन कुछ देर बंद किया गया
audit-logout-everywhere = हर जगह से साइन आउट किया

## Retention and legal holds
retention-title = निजी जानकारी रखना
retention-open = मामला खुला रहने तक रखी जाती है; रखने की अवधि मामला बंद होने से शुरू होती है।
retention-until = निजी जानकारी { $date } के बाद मिटा दी जाएगी (इस मामले के उद्देश्यों की रखने की अवधि), जब तक उस पर कानूनी रोक न लगे।
retention-held = कानूनी रोक लगी है: रोक हटने तक निजी जानकारी रखी जाएगी।
retention-erased-on = रखने की अवधि पूरी होने पर { $date } को निजी जानकारी मिटा दी गई। आँकड़ों के लिए केवल बिना पहचान वाले तथ्य (ज़िला, श्रेणी, तारीखें, रकम) बचे हैं।
retention-hold = कानूनी रोक लगाएँ
retention-hold-reason = रोक का कारण (अदालत का आदेश, मुकदमा, जाँच)
retention-hold-reason-needed = कानूनी रोक का कारण लिखें।
retention-release = कानूनी रोक हटाएँ
retention-erased-no-edit = इस मामले की निजी जानकारी मिटाई जा चुकी है; इसे बदला नहीं जा सकता।
retention-erased-name = (मिटाई गई)

## The data-principal export
export-title = किसी व्यक्ति के बारे में रखी गई पूरी जानकारी
export-intro = जब कोई व्यक्ति पूछे कि केंद्र के पास उनके बारे में क्या जानकारी है (DPDP अधिनियम के तहत उनका अधिकार), तो उनका मोबाइल नंबर डालें। आपके ज़िलों में उस नंबर वाले हर मामले की पूरी दर्ज जानकारी दिखेगी; इसे प्रिंट करें या फ़ाइल के रूप में डाउनलोड करें। हर एक्सपोर्ट ऑडिट लॉग में दर्ज होता है।
export-show = दिखाएँ
export-json = JSON फ़ाइल डाउनलोड करें
export-print = प्रिंट करें
export-found = { $count ->
    [0] आपके ज़िलों में इस नंबर का कोई मामला नहीं
    [one] इस नंबर का एक मामला
   *[other] इस नंबर के { $count } मामले
}
export-generated = तैयार किया गया
export-person = व्यक्ति
export-incident = क्या हुआ
export-timeline = घटनाक्रम और टिप्पणियाँ
export-actions = की गई कार्रवाई
export-evidence = रखी गई सबूत की फ़ाइलें
export-identifiers = मिले संदिग्ध नंबर और ID
nav-privacy-export = डेटा अनुरोध
case-consent-override = पर्यवेक्षक की विशेष अनुमति
case-consent-override-hint = केवल तब, जब पीड़ित ने रेफ़रल की सहमति नहीं दी हो: कारण लिखें (ऑडिट लॉग में रहेगा)
