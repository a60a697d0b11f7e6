## Suspect identifiers and fraud rings
nav-rings = ठगी गिरोह
nav-identifiers = पहचान चिह्न
idkind-phone = फ़ोन
idkind-upi = UPI ID
idkind-email = ईमेल
idkind-url = लिंक
idkind-domain = वेबसाइट
idkind-handle = सोशल मीडिया खाता
idkind-bank-account = बैंक खाता
idkind-ifsc = IFSC
idkind-imei = IMEI
idkind-txn-ref = लेनदेन संदर्भ संख्या
idkind-crypto = क्रिप्टो पता
ident-title = संदिग्ध के पहचान चिह्न
ident-none-confirmed = अभी किसी पहचान चिह्न की पुष्टि नहीं हुई है।
ident-proposed = पीड़ित के बताए और चिपकाए पाठ में मिले — सही वालों की पुष्टि करें
ident-confirm-selected = चुने हुए की पुष्टि करें
ident-add-manually = पहचान चिह्न हाथ से जोड़ें
ident-kind = प्रकार
ident-kind-guess = मान से पहचानें
ident-value = पहचान चिह्न
ident-add = जोड़ें
ident-remove = हटाएँ
ident-source-narrative = विवरण से
ident-source-suspect = संदिग्ध की जानकारी से
ident-source-pasted = चिपकाए संदेशों से
ident-source-manual = हाथ से जोड़ा
ident-flag-watch = निगरानी सूची में
ident-flag-genuine = असली, मामलों को नहीं जोड़ता
ident-flag-none = कोई चिह्न नहीं
ident-flag-label = चिह्न
ident-flag-note = टिप्पणी (क्यों)
ident-flag-save = चिह्न सहेजें
ident-watch-alert = निगरानी सूची की चेतावनी: { $identifier } निगरानी सूची में है।
ident-not-linking = इससे मामले नहीं जोड़े जाते।
ident-spread-none = किसी और मामले में नहीं मिला।
ident-spread-unknown = अभी किसी मामले में नहीं मिला।
ident-spread-other = { $count ->
    [one] एक और मामले में मिला
   *[other] { $count } और मामलों में मिला
} ({ $districts }), पहली बार { $first } को दर्ज।
ident-spread-all = { $count ->
    [one] एक मामले में मिला
   *[other] { $count } मामलों में मिला
} ({ $districts }), पहली बार { $first } को दर्ज।
ident-ring-link = { $count } मामलों के ठगी गिरोह का हिस्सा
ident-lookup-title = पहचान चिह्न खोजें
ident-lookup-hint = फ़ोन नंबर, UPI ID, खाता संख्या, वेबसाइट, प्रोफ़ाइल लिंक… किसी भी तरह लिखा हुआ।
ident-lookup-none = किसी मामले में यह पहचान चिह्न नहीं है।
ident-your-cases = आपके ज़िलों के मामले
ident-flagged-title = निगरानी सूची और असली नंबर
ident-flagged-none = अभी कुछ चिह्नित नहीं है।
ident-error-not-identifier = यह फ़ोन नंबर, UPI ID, खाता, लिंक या कोई अन्य पहचान चिह्न नहीं लगता।
ident-error-not-kind = यह उस प्रकार का सही पहचान चिह्न नहीं है।
ident-error-none-picked = कम से कम एक पहचान चिह्न चुनें, या लिखें।
ring-title = ठगी गिरोह
ring-intro = एक ही UPI ID, फ़ोन नंबर, खाते, वेबसाइट या प्रोफ़ाइल से जुड़े मामले। दूसरे ज़िलों के मामले गिने जाते हैं, उनके नाम नहीं दिखाए जाते।
ring-none = अभी किन्हीं दो मामलों में कोई साझा पहचान चिह्न नहीं है।
ring-cases = { $count ->
    [one] एक मामला
   *[other] { $count } मामले
}
ring-money = बताई गई कुल ठगी:
ring-identifiers = साझा पहचान चिह्न
ring-visible-note = केवल आपके ज़िलों के मामले दिखाए गए हैं; ऊपर की गिनती में सभी ज़िले शामिल हैं।
ring-export-csv = CSV डाउनलोड करें
ring-export-json = JSON डाउनलोड करें
ring-col-ring = गिरोह
ring-col-identifiers = साझा पहचान चिह्न
event-identifiers = पहचान चिह्नों की पुष्टि हुई
event-identifier-removed = पहचान चिह्न हटाया गया
event-watch-match = निगरानी सूची से मेल
ident-preview-title = आपके लिखे में मिले पहचान चिह्न
ident-preview-hint = दर्ज करने के बाद मामले के पेज पर इनकी पुष्टि करें।
