## Suspect identifiers and fraud rings
nav-rings = ठगी गिरोह
nav-identifiers = नंबर और ID
idkind-phone = फ़ोन
idkind-upi = UPI ID
idkind-email = ई-मेल
idkind-url = लिंक
idkind-domain = वेबसाइट
idkind-handle = सोशल मीडिया अकाउंट
idkind-bank-account = बैंक खाता
idkind-ifsc = IFSC
idkind-imei = IMEI
idkind-txn-ref = ट्रांज़ैक्शन ID / UTR नंबर
idkind-crypto = क्रिप्टो पता
ident-title = संदिग्ध के नंबर और ID
ident-none-confirmed = अभी किसी नंबर या ID की पुष्टि नहीं हुई है।
ident-proposed = पीड़ित के बताए और चिपकाए पाठ में मिले — सही वालों की पुष्टि करें
ident-confirm-selected = चुने हुए की पुष्टि करें
ident-add-manually = नंबर या ID हाथ से जोड़ें
ident-kind = प्रकार
ident-kind-guess = लिखे हुए से पहचानें
ident-value = नंबर या ID
ident-add = जोड़ें
ident-remove = हटाएँ
ident-source-narrative = विवरण से
ident-source-suspect = संदिग्ध की जानकारी से
ident-source-pasted = चिपकाए संदेशों से
ident-source-manual = हाथ से जोड़ा
ident-flag-watch = निगरानी सूची में
ident-flag-genuine = असली, मामलों को नहीं जोड़ता
ident-flag-none = कोई निशान नहीं
ident-flag-label = निशान
ident-flag-note = टिप्पणी (क्यों)
ident-flag-save = निशान सहेजें
ident-watch-alert = निगरानी सूची की चेतावनी: { $identifier } निगरानी सूची में है।
ident-not-linking = इससे मामले नहीं जोड़े जाते।
ident-spread-none = किसी और मामले में नहीं मिला।
ident-spread-unknown = अभी किसी मामले में नहीं मिला।
ident-spread-other = { $count ->
    [0] किसी और मामले में नहीं मिला
    [one] एक और मामले में मिला
   *[other] { $count } और मामलों में मिला
} ({ $districts }), पहली बार { $first } को दर्ज।
ident-spread-all = { $count ->
    [0] किसी मामले में नहीं मिला
    [one] एक मामले में मिला
   *[other] { $count } मामलों में मिला
} ({ $districts }), पहली बार { $first } को दर्ज।
ident-ring-link = { $count ->
    [one] एक मामले के ठगी गिरोह का हिस्सा
   *[other] { $count } मामलों के ठगी गिरोह का हिस्सा
}
ident-lookup-title = नंबर या ID खोजें
ident-lookup-hint = फ़ोन नंबर, UPI ID, खाता संख्या, वेबसाइट, प्रोफ़ाइल लिंक… किसी भी तरह लिखा हुआ।
ident-lookup-none = किसी मामले में यह नंबर या ID नहीं है।
ident-your-cases = आपके ज़िलों के मामले
ident-flagged-title = निगरानी सूची और असली नंबर
ident-flagged-none = अभी किसी पर निशान नहीं लगा है।
ident-error-not-identifier = यह फ़ोन नंबर, UPI ID, खाता नंबर, लिंक या कोई और नंबर या ID नहीं लगता।
ident-error-not-kind = यह उस प्रकार का सही नंबर या ID नहीं है।
ident-error-none-picked = कम से कम एक नंबर या ID चुनें, या लिखें।
ring-title = ठगी गिरोह
ring-intro = एक ही UPI ID, फ़ोन नंबर, खाते, वेबसाइट या प्रोफ़ाइल से जुड़े मामले। दूसरे ज़िलों के मामले गिने जाते हैं, उनके नाम नहीं दिखाए जाते।
ring-none = अभी किन्हीं दो मामलों में कोई साझा नंबर या ID नहीं है।
ring-cases = { $count ->
    [0] कोई मामला नहीं
    [one] एक मामला
   *[other] { $count } मामले
}
ring-money = बताई गई कुल ठगी:
ring-identifiers = साझा नंबर और ID
ring-visible-note = केवल आपके ज़िलों के मामले दिखाए गए हैं; ऊपर की गिनती में सभी ज़िले शामिल हैं।
ring-export-csv = CSV डाउनलोड करें
ring-export-json = JSON डाउनलोड करें
ring-col-ring = गिरोह
ring-col-identifiers = साझा नंबर और ID
event-identifiers = संदिग्ध के नंबर और ID की पुष्टि हुई
event-identifier-removed = संदिग्ध की सूची से एक नंबर या ID हटाई गई
event-watch-match = निगरानी सूची से मेल
ident-preview-title = आपके लिखे में मिले नंबर और ID
ident-preview-hint = दर्ज करने के बाद मामले के पेज पर इनकी पुष्टि करें।
