# सबूत भंडार। यहाँ की हर कुंजी en/evidence.ftl में भी होनी चाहिए (एक परीक्षण जाँचता है)।

## मामले के पन्ने का हिस्सा
evidence-title = सबूत
evidence-none = अभी कोई सबूत नहीं। नीचे स्क्रीनशॉट, चैट एक्सपोर्ट, बैंक स्टेटमेंट, कॉल रिकॉर्डिंग, ई-मेल या वीडियो जोड़ें।
evidence-add = सबूत की फ़ाइलें जोड़ें
evidence-upload = अपलोड करें और दर्ज करें
evidence-sending = भेजा जा रहा है…
evidence-limits = एक या अधिक फ़ाइलें चुनें। हर फ़ाइल अधिकतम { $file }; इस मामले में अभी { $room } और जगह है।
evidence-choose-again = फ़ॉर्म लौटने पर फ़ाइलें साथ नहीं रहतीं: उन्हें फिर से चुनें।
evidence-verify = इस मामले के सबूत जाँचें
evidence-bundle = सब ZIP में डाउनलोड करें
evidence-added-by = { $who } ने जोड़ा
evidence-from-victim = पीड़ित से मिला
evidence-copy-of = #{ $item } की प्रति
evidence-captured-by-short = { $who } द्वारा
evidence-yes = हाँ

## अपलोड फ़ॉर्म
evidence-field-files = फ़ाइलें
evidence-field-description = इन फ़ाइलों में क्या है
evidence-capture-legend = ये कैसे और किस उपकरण से ली गईं
evidence-capture-hint = धारा 63 प्रमाणपत्र (भारतीय साक्ष्य अधिनियम, 2023) यह जानकारी माँगता है: जितना पता हो, भरें।
evidence-field-capture-method = कैसे ली गई
evidence-field-device-type = उपकरण
evidence-field-device-make-model = कंपनी और मॉडल
evidence-field-device-id = IMEI / सीरियल नंबर
evidence-hint-device-id = फ़ोन के लिए IMEI (*#06# डायल करें); नहीं तो सीरियल नंबर, MAC या अकाउंट ID।
evidence-field-captured-by = किसने ली
evidence-field-captured-at = कब ली (IST)
evidence-field-captured-where = कहाँ ली (स्थान)
evidence-field-victim-supplied = ये फ़ाइलें पीड़ित ने दीं

## एक सबूत
evidence-details = विवरण
evidence-field-name = फ़ाइल का नाम (जैसा भेजा गया)
evidence-field-type = प्रकार (सामग्री से पहचाना गया)
evidence-field-size = आकार
evidence-field-derived-from = इसकी प्रति
evidence-field-added = जोड़ा गया
evidence-copies = इससे बनी प्रतियाँ
evidence-open = खोलें
evidence-download = डाउनलोड करें
evidence-open-logged = फ़ाइल खोलना या डाउनलोड करना उसकी अभिरक्षा-शृंखला में दर्ज होता है।
evidence-custody = अभिरक्षा-शृंखला (चेन ऑफ़ कस्टडी)
evidence-custody-hint = इस फ़ाइल पर हुई हर कार्रवाई, क्रम से। हर प्रविष्टि का हैश पिछली प्रविष्टि को भी समेटता है, इसलिए बदली या हटाई गई प्रविष्टि पकड़ में आ जाती है।
evidence-custody-when = कब
evidence-custody-who = किसने
evidence-custody-what = कार्रवाई
evidence-custody-why = क्यों / विवरण
evidence-custody-hash = प्रविष्टि का हैश
evidence-record = सुपुर्दगी दर्ज करें
evidence-record-reason = किसे, कैसे और क्यों
evidence-record-hint = जैसे: "पेन ड्राइव उप-निरीक्षक मीणा, साइबर थाना जयपुर को सौंपी, पत्र सं. 123/2026"।
evidence-record-save = दर्ज करें
evidence-portal-copy = राष्ट्रीय पोर्टल के लिए प्रति
evidence-portal-copy-hint = एक छोटी JPEG प्रति नए सबूत के रूप में बनती है, जिसका अपना हैश होता है। मूल फ़ाइल जैसी है वैसी ही रहती है।
evidence-portal-target = आकार की सीमा
evidence-target-evidence = सबूत अपलोड (10 MB से कम)
evidence-target-id-proof = पहचान पत्र (5 MB से कम)
evidence-portal-copy-make = प्रति बनाएँ
evidence-derived-portal = राष्ट्रीय पोर्टल के लिए 10 MB से कम की JPEG, #{ $item } से बनी
evidence-derived-id-proof = राष्ट्रीय पोर्टल के लिए 5 MB से कम की JPEG (पहचान पत्र), #{ $item } से बनी

## फ़ाइलों के प्रकार
evidence-kind-image = चित्र
evidence-kind-video = वीडियो
evidence-kind-audio = ऑडियो
evidence-kind-pdf = PDF
evidence-kind-email = ई-मेल
evidence-kind-text = टेक्स्ट
evidence-kind-archive = संग्रह (आर्काइव)
evidence-kind-other = अन्य फ़ाइल

## उपकरण (धारा 63 की अनुसूची की सूची)
evidence-device-mobile = मोबाइल फ़ोन
evidence-device-computer-storage = कंप्यूटर / स्टोरेज मीडिया
evidence-device-dvr = DVR
evidence-device-flash-drive = फ़्लैश ड्राइव
evidence-device-cd-dvd = CD / DVD
evidence-device-server = सर्वर
evidence-device-cloud = क्लाउड
evidence-device-other = अन्य

## लेने का तरीका
evidence-method-screenshot = स्क्रीनशॉट
evidence-method-screen-recording = स्क्रीन रिकॉर्डिंग
evidence-method-app-export = ऐप से एक्सपोर्ट (जैसे WhatsApp चैट एक्सपोर्ट)
evidence-method-download = डाउनलोड किया (स्टेटमेंट, रसीद)
evidence-method-email-saved = हेडर सहित सहेजा गया ई-मेल (.eml)
evidence-method-call-recording = कॉल रिकॉर्डिंग
evidence-method-photo = स्क्रीन या कागज़ का फ़ोटो
evidence-method-device-copy = उपकरण से कॉपी किया
evidence-method-other = अन्य

## अभिरक्षा की कार्रवाइयाँ
evidence-action-received = प्राप्त हुआ
evidence-action-derived = प्रति के रूप में बना
evidence-action-viewed = देखा गया
evidence-action-downloaded = डाउनलोड हुआ
evidence-action-exported = बंडल में एक्सपोर्ट हुआ
evidence-action-copied = कॉपी किया गया
evidence-action-handed-to-police = पुलिस को सौंपा
evidence-action-erased = फ़ाइल हटाई गई (रखने की अवधि पूरी हुई)

## जाँच
evidence-verify-title = सबूत की जाँच
evidence-verify-checked = { $when } (IST) पर हर फ़ाइल का हैश दोबारा निकाला गया और हर अभिरक्षा-शृंखला जाँची गई।
evidence-verify-ok = { $count ->
    [0] इस मामले में अभी कोई सबूत नहीं है।
    [one] सबूत मेल खाता है: फ़ाइल अपरिवर्तित, अभिरक्षा-शृंखला अखंड।
   *[other] सभी { $count } सबूत मेल खाते हैं: फ़ाइलें अपरिवर्तित, अभिरक्षा-शृंखलाएँ अखंड।
}
evidence-verify-bad = { $count ->
    [0] कोई सबूत दर्ज जानकारी से बेमेल नहीं है।
    [one] एक सबूत दर्ज जानकारी से मेल नहीं खाता। कारण साफ़ होने से पहले इसे जमा न करें।
   *[other] { $count } सबूत दर्ज जानकारी से मेल नहीं खाते। कारण साफ़ होने से पहले इन्हें जमा न करें।
}
evidence-verify-good = जो सबूत मेल खाते हैं
evidence-finding-missing = संग्रहीत फ़ाइल मौजूद नहीं है।
evidence-finding-changed = संग्रहीत फ़ाइल बदल गई है: अब उसका SHA-256 { $sha256 } है ({ $size } बाइट)।
evidence-finding-edited = अभिरक्षा प्रविष्टि { $seq } लिखे जाने के बाद बदली गई (प्रविष्टि 1 के लिए: या सबूत का दर्ज विवरण बदला गया)।
evidence-finding-gap = अभिरक्षा प्रविष्टियाँ { $from }–{ $to } गायब हैं।
evidence-finding-link = अभिरक्षा प्रविष्टि { $seq } अपनी पिछली प्रविष्टि से नहीं जुड़ती: कोई प्रविष्टि जोड़ी, बदली या खिसकाई गई।
evidence-finding-end = अभिरक्षा-शृंखला प्रविष्टि { $recorded } पर खत्म होनी चाहिए, पर { $found } पर खत्म होती है: अंत से प्रविष्टियाँ हटाई गईं।

## बंडल की सूची
evidence-index-title = मामले { $case } के सबूत
evidence-index-centre = केंद्र
evidence-index-exported = एक्सपोर्ट
evidence-index-algorithm = हैश एल्गोरिद्म
evidence-index-items = सबूतों की संख्या
evidence-index-how = हर फ़ाइल का SHA-256 manifest.sha256 में है। कोई फ़ाइल नहीं बदली, यह जाँचने के लिए ZIP खोले गए फ़ोल्डर में यह चलाएँ:
evidence-index-file = इस ZIP में फ़ाइल

## त्रुटियाँ
evidence-error-no-file = कम से कम एक फ़ाइल चुनें।
evidence-error-file-too-large = एक फ़ाइल, एक फ़ाइल की सीमा से बड़ी है (सीमा फ़ॉर्म के पास लिखी है)।
evidence-error-case-full = इन फ़ाइलों से मामला सबूत की अपनी सीमा से आगे निकल जाएगा (सीमा फ़ॉर्म के पास लिखी है)।
evidence-error-upload-broken = अपलोड पूरा नहीं पहुँचा (कनेक्शन टूट गया)। कुछ भी सहेजा नहीं गया: फ़ाइलें फिर से भेजें।
evidence-error-imei = यह IMEI सही नहीं है: 15 अंक जाँचें (फ़ोन पर *#06# डायल करें)।
evidence-error-original = मूल के रूप में इसी मामले का कोई सबूत चुनें।
evidence-error-reason = बताएँ किसे, कैसे और क्यों।
evidence-error-not-image = केवल JPEG, PNG और WebP चित्र छोटे किए जा सकते हैं।
evidence-error-already-small = यह चित्र पहले से उस सीमा से छोटा है: मूल फ़ाइल ही अपलोड करें।
evidence-restricted = सेक्सटॉर्शन के मामले के सबूत केवल वही कर्मचारी देख सकता है जिसे मामला सौंपा गया है, और पर्यवेक्षक। पीड़ित की लाई फ़ाइलें आप फिर भी जोड़ सकते हैं।
