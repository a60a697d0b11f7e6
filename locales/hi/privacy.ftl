## Audit, consent, retention, data export
audit-title = इस मामले को किसने देखा
audit-none = अभी किसी ने नहीं।
audit-unknown-user = (अज्ञात)
audit-case-read = मामला खोला
audit-case-denied = मामला खोलने की कोशिश की (दूसरा ज़िला)
audit-case-export = मामले का डेटा निर्यात किया
audit-consent-override = सहमति के बिना आगे भेजा (अपवाद)
audit-legal-hold = कानूनी रोक बदली
audit-case-erased = निजी जानकारी मिटाई
