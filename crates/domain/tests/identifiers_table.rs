//! Table of realistic messages (all data fictional) and exactly what `extract` must
//! find in each, as `"kind value"` pairs. Also checks, for every case, that each
//! `raw` is the text at its offsets and that `normalize` agrees with `extract`.

use sahayak_domain::identifiers::{IdKind, extract, normalize};

/// `(message, expected "kind value" pairs)`. Order of pairs does not matter.
const CASES: &[(&str, &[&str])] = &[
    // ---- Bank alerts and UPI debit SMS ----
    (
        "Dear customer your A/c XX1234 debited Rs 5,000 on 12-03-26 to VPA rahul.k@ybl UPI Ref 412345678901. Not you? Call 1930",
        &["upi rahul.k@ybl", "txn_ref 412345678901"],
    ),
    (
        "Your a/c no. XXXXXXXX4521 is debited for Rs.49,999.00 on 11-03-2026 and credited to a/c no. 50100234567812 (UPI Ref no 507112345678). -HDFC Bank",
        &["bank_account 50100234567812", "txn_ref 507112345678"],
    ),
    (
        "INR 25,000.00 debited from A/c no. XX3344 on 10/03/26. Info: UPI/P2A/606912345678/SURESH KUMAR. Avl bal INR 1,234.56",
        &["txn_ref 606912345678"],
    ),
    (
        "Rs.2000 sent to 9812345678@paytm via UPI. UTR: 412398765432. If not done by you call 18001234",
        &["upi 9812345678@paytm", "phone +919812345678", "txn_ref 412398765432"],
    ),
    (
        "Acct XX7788 debited with INR 15000.00 on 09-Mar-26 by IMPS. IMPS Ref No: 606812340000. Beneficiary: Ramesh, a/c 1234 5678 9012",
        &["txn_ref 606812340000", "bank_account 123456789012"],
    ),
    ("₹3,499 paid to FLIPKART. UPI txn id 506512345123. Balance ₹12,345", &["txn_ref 506512345123"]),
    (
        "Money received! Rs 1 credited to your account from 7012345678@okaxis. RRN 412300001111",
        &["upi 7012345678@okaxis", "phone +917012345678", "txn_ref 412300001111"],
    ),
    (
        "Sent Rs.15,000.00 From HDFC Bank A/C *4455 To SHAH TRADERS On 08/03/26 Ref 506712349999 Not You? Call 18002586161/SMS BLOCK UPI to 7308080808",
        &["txn_ref 506712349999", "phone +917308080808"],
    ),
    (
        "Your A/C XXXXX12345 has been credited with Rs 9,500 by NEFT. NEFT UTR: SBINR52026031100123456",
        &["txn_ref SBINR52026031100123456"],
    ),
    (
        "Txn of INR 999.00 done on card XX4321 at AMAZON on 11-03-26. Not you? SMS BLOCK 4321 to 9215676766",
        &["phone +919215676766"],
    ),
    (
        "आपके खाते XX4567 से ₹10,000 डेबिट हुए। यूपीआई संदर्भ संख्या 412377778888। अगर आपने नहीं किया तो 1930 पर कॉल करें।",
        &["txn_ref 412377778888"],
    ),
    ("Paytm: Paid Rs.500 to Rohit Sharma. Transaction ID: T260311123456789012345", &["txn_ref T260311123456789012345"]),
    (
        "PhonePe: ₹7,500 sent to amit.verma1@ibl. Transaction ID T260310153012345678901. UTR 606955551234",
        &["upi amit.verma1@ibl", "txn_ref T260310153012345678901", "txn_ref 606955551234"],
    ),
    (
        "Google Pay: You paid ₹2,100 to luckydraw.office@okicici. UPI transaction ID: 606988881234",
        &["upi luckydraw.office@okicici", "txn_ref 606988881234"],
    ),
    (
        "Amount of Rs 45,000 transferred to account number 38291045672 IFSC SBIN0004567 via IMPS ref no. 506611112222",
        &["bank_account 38291045672", "ifsc SBIN0004567", "txn_ref 506611112222"],
    ),
    ("Dear Customer, Rs.20000 withdrawn at ATM on 10-03-26. Avl Bal Rs.3456.78. Call 1800-425-3800 if not you", &[]),
    ("Your OTP for txn of Rs 4,999 at MERCHANT is 482913. Valid for 5 mins. Do not share with anyone.", &[]),
    (
        "Recharge of Rs 299 successful for 9876501234. Txn ID: RC2603117788 Validity 28 days",
        &["phone +919876501234", "txn_ref RC2603117788"],
    ),
    ("UPI mandate created for Rs 1,999/- monthly by netflix@icici. UMN 412398761111", &["upi netflix@icici"]),
    (
        "Refund of Rs 1,250 processed to your account. Refund Ref No. 412311119999 will reflect in 5-7 days.",
        &["txn_ref 412311119999"],
    ),
    // ---- Fake KYC / account block / reward texts ----
    (
        "Dear SBI user your YONO account will be blocked today. Update PAN now: http://sbi-yono-kyc.xyz/update",
        &["url http://sbi-yono-kyc.xyz/update", "domain sbi-yono-kyc.xyz"],
    ),
    (
        "Aapka bijli connection aaj raat 9:30 baje kaat diya jayega. Turant bijli adhikari se sampark karein 8101234567",
        &["phone +918101234567"],
    ),
    (
        "Dear customer, your HDFC NetBanking will be suspended. Click www.hdfc-netbank-update.com/login and verify KYC.",
        &["url http://www.hdfc-netbank-update.com/login", "domain hdfc-netbank-update.com"],
    ),
    (
        "प्रिय ग्राहक, आपका KYC अपडेट नहीं है। 24 घंटे में खाता बंद हो जाएगा। लिंक पर क्लिक करें: https://kyc-update-sbi.in/form?id=77 या कॉल करें +91 93512 34567",
        &["url https://kyc-update-sbi.in/form?id=77", "domain kyc-update-sbi.in", "phone +919351234567"],
    ),
    (
        "Congratulations! You have won 5000 SBI reward points worth Rs 4,500. Redeem at sbi-rewards.in before midnight.",
        &["url http://sbi-rewards.in", "domain sbi-rewards.in"],
    ),
    (
        "Your PAN card is not linked. Update at paytm-kyc.co.in/verify otherwise wallet will be closed.",
        &["url http://paytm-kyc.co.in/verify", "domain paytm-kyc.co.in"],
    ),
    (
        "Income tax refund of Rs 15,490 approved. Submit bank details at https://incometax-refund.online/claim?ref=AB12",
        &["url https://incometax-refund.online/claim?ref=AB12", "domain incometax-refund.online"],
    ),
    (
        "Dear user, your electricity bill of last month was not updated. Please call our officer 6289123456 immediately.",
        &["phone +916289123456"],
    ),
    (
        "Your SIM will be blocked in 2 hours due to incomplete e-KYC. Call customer care +91-70012-34567",
        &["phone +917001234567"],
    ),
    (
        "FASTag KYC pending. Update now bit.ly/3FtgKyc or your tag will be blacklisted",
        &["url http://bit.ly/3FtgKyc", "domain bit.ly"],
    ),
    (
        "Aapka Aadhaar bank se link nahi hai. Link karne ke liye is number par call karein: 09123456780",
        &["phone +919123456780"],
    ),
    (
        "Your credit card reward points 7,850 expire today. Redeem: https://rewardz-hdfc.top/r/8841",
        &["url https://rewardz-hdfc.top/r/8841", "domain rewardz-hdfc.top"],
    ),
    (
        "Dear Customer, your account has been temporarily blocked. Download the app from https://sbi-support.site/SBI_Quick.apk and login.",
        &["url https://sbi-support.site/SBI_Quick.apk", "domain sbi-support.site"],
    ),
    (
        "Pradhan Mantri Yojana ke tahat aapko ₹6000 mile hain. Claim karein: pmyojana-claim.icu",
        &["url http://pmyojana-claim.icu", "domain pmyojana-claim.icu"],
    ),
    (
        "Electricity KYC: open hxxp://bses-bill-update[.]com/pay and pay Rs 10 to avoid disconnection.",
        &["url http://bses-bill-update.com/pay", "domain bses-bill-update.com"],
    ),
    // ---- Phone number formats ----
    ("Call me on 9876543210", &["phone +919876543210"]),
    ("Contact: +91 98765 43210", &["phone +919876543210"]),
    ("Mob: +91-98765-43210 (WhatsApp only)", &["phone +919876543210"]),
    ("Reach the officer at (+91) 98765-43210 today", &["phone +919876543210"]),
    ("Caller number 98765 43210 was used", &["phone +919876543210"]),
    ("He called from 919876543210 twice", &["phone +919876543210"]),
    ("Landline 0141-2741234 of the fake office in Jaipur", &["phone +911412741234"]),
    ("Delhi office: 011 2345 6789, Mumbai: (022) 2345-6789", &["phone +911123456789", "phone +912223456789"]),
    ("फोन नंबर ९८७६५४३२१० से कॉल आया था", &["phone +919876543210"]),
    (
        "The UK number was +44 20 7946 0958 and the US one +1 (415) 555-0123",
        &["phone +442079460958", "phone +14155550123"],
    ),
    (
        "Dubai se call aaya +971 50 123 4567 aur Pakistan se +92 301 2345678",
        &["phone +971501234567", "phone +923012345678"],
    ),
    (
        "Numbers used: 9811122233, 9811122244/9811122255 and 7011122266.",
        &["phone +919811122233", "phone +919811122244", "phone +919811122255", "phone +917011122266"],
    ),
    ("Call 09123 456 789 or 0091 98111 22233", &["phone +919123456789", "phone +919811122233"]),
    (
        "Toll free 1930 par shikayat karein ya cybercrime.gov.in par jaayein",
        &["url http://cybercrime.gov.in", "domain cybercrime.gov.in"],
    ),
    ("Victim's mobile no. is 8899001122 and alternate 7766554433", &["phone +918899001122", "phone +917766554433"]),
    // ---- UPI ids ----
    ("Pay the registration fee to jobs.hr2026@ybl and send screenshot", &["upi jobs.hr2026@ybl"]),
    ("UPI ID: Lucky.Winner@OKSBI", &["upi lucky.winner@oksbi"]),
    ("Paisa bhejo 9123456780@ybl pe turant", &["upi 9123456780@ybl", "phone +919123456780"]),
    ("Send to kbc_lottery@axl or kbc-office@apl, both are ours.", &["upi kbc_lottery@axl", "upi kbc-office@apl"]),
    ("Scan QR or pay to merchant.store@hdfcbank. Also try someone@unknownpsp.", &["upi merchant.store@hdfcbank"]),
    ("upi://pay?pa=fraud.shop@ibl&pn=Fraud%20Shop&am=499", &["upi fraud.shop@ibl"]),
    (
        "Payment to 8800112233@paytm failed, then to 8800112233@ptsbi successful",
        &["upi 8800112233@paytm", "phone +918800112233", "upi 8800112233@ptsbi", "phone +918800112233"],
    ),
    // A mobile number written in two groups is one UPI name, not "12345@paytm".
    ("Fee bhejo 98290 12345@paytm pe abhi", &["upi 9829012345@paytm", "phone +919829012345"]),
    ("UPI ID: 98290-12345@ybl", &["upi 9829012345@ybl", "phone +919829012345"]),
    ("Order no 12345 12345@paytm", &["upi 12345@paytm"]),
    ("VPA: sanjay.k.gupta@jupiteraxis (Jupiter)", &["upi sanjay.k.gupta@jupiteraxis"]),
    ("Beneficiary UPI: rent.owner@sbi, amount 12000", &["upi rent.owner@sbi"]),
    ("WhatsApp Pay: gift.card99@waicici", &["upi gift.card99@waicici"]),
    // ---- Links, domains, defanged ----
    ("Visit www.sbi-kyc.com/x.", &["url http://www.sbi-kyc.com/x", "domain sbi-kyc.com"]),
    (
        "Phishing site reported: hxxps://sbi-netbanking-login[.]com/auth",
        &["url https://sbi-netbanking-login.com/auth", "domain sbi-netbanking-login.com"],
    ),
    (
        "Domain used: paytm-cashback(.)live and icici-rewards[dot]in",
        &[
            "url http://paytm-cashback.live",
            "domain paytm-cashback.live",
            "url http://icici-rewards.in",
            "domain icici-rewards.in",
        ],
    ),
    ("Link: http[:]//upi-refund[.]info/claim", &["url http://upi-refund.info/claim", "domain upi-refund.info"]),
    (
        "(see https://example-loan.app/apply?src=sms&id=42)",
        &["url https://example-loan.app/apply?src=sms&id=42", "domain example-loan.app"],
    ),
    (
        "Loan app website: https://EasyCash-Loan.In/Home/Index.html!",
        &["url https://easycash-loan.in/Home/Index.html", "domain easycash-loan.in"],
    ),
    (
        "Fake sites: sbi-help.cc, rbi-refund.vip, gov-subsidy.club।",
        &[
            "url http://sbi-help.cc",
            "domain sbi-help.cc",
            "url http://rbi-refund.vip",
            "domain rbi-refund.vip",
            "url http://gov-subsidy.club",
            "domain gov-subsidy.club",
        ],
    ),
    ("IDN lookalike: http://ѕbi.com/login", &["url http://xn--bi-doc.com/login", "domain xn--bi-doc.com"]),
    (
        "Hindi domain: http://पुलिस.भारत/शिकायत",
        &["url http://xn--n2bqs1ai.xn--h2brj9c/शिकायत", "domain xn--n2bqs1ai.xn--h2brj9c"],
    ),
    ("Server IP http://103.21.44.5:8080/panel was used", &["url http://103.21.44.5:8080/panel", "domain 103.21.44.5"]),
    (
        "Short link: tinyurl.com/y6abc9 and https://cutt.ly/kYc",
        &["url http://tinyurl.com/y6abc9", "domain tinyurl.com", "url https://cutt.ly/kYc", "domain cutt.ly"],
    ),
    ("Sent screenshot.png and statement.pdf, also app.apk and invoice.docx", &[]),
    (
        "He installed AnyDesk from anydesk.com and the fake app from https://mod-apk.top/dl/QuickSupport.apk",
        &[
            "url http://anydesk.com",
            "domain anydesk.com",
            "url https://mod-apk.top/dl/QuickSupport.apk",
            "domain mod-apk.top",
        ],
    ),
    (
        "The website (www.trade-fx-india.net) shows fake profits.",
        &["url http://www.trade-fx-india.net", "domain trade-fx-india.net"],
    ),
    (
        "Link was https://www.google.com/url?q=http://evil-kyc.xyz/a and then evil-kyc.xyz itself",
        &[
            "url https://www.google.com/url?q=http://evil-kyc.xyz/a",
            "domain google.com",
            "url http://evil-kyc.xyz",
            "domain evil-kyc.xyz",
        ],
    ),
    (
        "Email attachment photo.zip and the site files.zip/download",
        &["url http://files.zip/download", "domain files.zip"],
    ),
    ("Site: SBI-CARE.ONLINE", &["url http://sbi-care.online", "domain sbi-care.online"]),
    // ---- Social media handles ----
    ("Telegram group @StockGuru_VIP me join karo", &["handle telegram:stockguru_vip"]),
    ("insta pe @fake.model.riya ne message kiya", &["handle instagram:fake.model.riya"]),
    ("टेलीग्राम पर @ghar_baithe_kamao से संपर्क करें", &["handle telegram:ghar_baithe_kamao"]),
    ("IG: @riya_sharma_official", &["handle instagram:riya_sharma_official"]),
    ("Follow us on Twitter @SBI_Help_Desk for updates", &["handle x:sbi_help_desk"]),
    ("Contact @support_team for refund", &[]),
    (
        "Profile: https://instagram.com/Fake.Profile/ and https://www.instagram.com/p/Cx12AbC/",
        &[
            "url https://instagram.com/Fake.Profile/",
            "handle instagram:fake.profile",
            "url https://www.instagram.com/p/Cx12AbC/",
        ],
    ),
    (
        "Join t.me/InvestKing2026 or t.me/joinchat/AAAAAFxyz123 or https://t.me/+AbCdEf123",
        &[
            "url http://t.me/InvestKing2026",
            "handle telegram:investking2026",
            "url http://t.me/joinchat/AAAAAFxyz123",
            "url https://t.me/+AbCdEf123",
        ],
    ),
    (
        "YouTube channel youtube.com/@ScamTradingTips and video https://www.youtube.com/watch?v=abc123XYZ and youtu.be/abc123XYZ",
        &[
            "url http://youtube.com/@ScamTradingTips",
            "handle youtube:scamtradingtips",
            "url https://www.youtube.com/watch?v=abc123XYZ",
            "url http://youtu.be/abc123XYZ",
        ],
    ),
    (
        "FB profile facebook.com/rahul.fake.9 and group https://www.facebook.com/groups/12345678/",
        &[
            "url http://facebook.com/rahul.fake.9",
            "handle facebook:rahul.fake.9",
            "url https://www.facebook.com/groups/12345678/",
        ],
    ),
    (
        "Fake FB id: https://m.facebook.com/profile.php?id=100089123456789",
        &["url https://m.facebook.com/profile.php?id=100089123456789", "handle facebook:100089123456789"],
    ),
    (
        "X account x.com/FakeRBIGov and twitter.com/FakeSBI_Care/status/1234567890",
        &[
            "url http://x.com/FakeRBIGov",
            "handle x:fakerbigov",
            "url http://twitter.com/FakeSBI_Care/status/1234567890",
            "handle x:fakesbi_care",
        ],
    ),
    ("See x.com/home and twitter.com/search?q=upi", &["url http://x.com/home", "url http://twitter.com/search?q=upi"]),
    (
        "HR profile linkedin.com/in/priya-hr-recruiter and company page linkedin.com/company/fakejobs",
        &[
            "url http://linkedin.com/in/priya-hr-recruiter",
            "handle linkedin:priya-hr-recruiter",
            "url http://linkedin.com/company/fakejobs",
        ],
    ),
    (
        "Snapchat: snapchat.com/add/riya.snap22",
        &["url http://snapchat.com/add/riya.snap22", "handle snapchat:riya.snap22"],
    ),
    (
        "WhatsApp link wa.me/919812345678 and https://api.whatsapp.com/send?phone=917012345678&text=Hi",
        &[
            "url http://wa.me/919812345678",
            "phone +919812345678",
            "url https://api.whatsapp.com/send?phone=917012345678&text=Hi",
            "phone +917012345678",
        ],
    ),
    ("Group invite https://chat.whatsapp.com/KxYz12AbCdEfGh", &["url https://chat.whatsapp.com/KxYz12AbCdEfGh"]),
    (
        "Telegram: @crypto_king_01, @crypto_queen_02",
        &["handle telegram:crypto_king_01", "handle telegram:crypto_queen_02"],
    ),
    (
        "Insta id @sexy.girl.2026 aur telegram @paid_video_bot",
        &["handle instagram:sexy.girl.2026", "handle telegram:paid_video_bot"],
    ),
    // ---- Job / task scams ----
    (
        "Hello! I am Priya from Amazon HR. Part time job, earn Rs 3000 daily. Contact on WhatsApp wa.me/918877665544 or Telegram @priya_hr_amazon",
        &["url http://wa.me/918877665544", "phone +918877665544", "handle telegram:priya_hr_amazon"],
    ),
    (
        "Task 1: like 3 YouTube videos. Send screenshot to @TaskManager_Anita on telegram. Pay prepaid task amount Rs 1000 to tasks.pay01@axl",
        &["handle telegram:taskmanager_anita", "upi tasks.pay01@axl"],
    ),
    (
        "Ghar baithe kamayein ₹5000 roz! Registration fee ₹499 is number par bhejein 9090123456 (PhonePe/GPay)",
        &["phone +919090123456"],
    ),
    (
        "Your salary of Rs 45,000 is on hold. Pay Rs 2,500 security deposit to A/c 921020012345678 IFSC UTIB0001234 Axis Bank",
        &["bank_account 921020012345678", "ifsc UTIB0001234"],
    ),
    (
        "Congratulations you are selected for Data Entry job. Joining link: https://forms-hr-jobs.online/join/8812 . HR: 7845123690",
        &["url https://forms-hr-jobs.online/join/8812", "domain forms-hr-jobs.online", "phone +917845123690"],
    ),
    (
        "Hotel review task: rate 5 stars at maps link and receive Rs 150 per review. Telegram group link: https://t.me/+XyZReviewGroup",
        &["url https://t.me/+XyZReviewGroup"],
    ),
    (
        "मैडम ने बोला टास्क पूरा करने के लिए 10,000 रुपये खाता संख्या 36789012345 में डालो, IFSC PUNB0123400",
        &["bank_account 36789012345", "ifsc PUNB0123400"],
    ),
    (
        "Merchant task deposit: use account no 7654321098 (Yes Bank) IFSC YESB0000123 only",
        &["bank_account 7654321098", "ifsc YESB0000123"],
    ),
    // ---- Telegram investment / crypto ----
    (
        "VIP stock tips with 300% returns! Join t.me/NiftyBankerPro. Pay subscription to nifty.pro@ybl",
        &["url http://t.me/NiftyBankerPro", "handle telegram:niftybankerpro", "upi nifty.pro@ybl"],
    ),
    (
        "Deposit USDT (TRC20) to TUVdxQfnqXVTaXnBu6oVEhLnRmdYySh8Ph for IPO allotment",
        &["crypto TUVdxQfnqXVTaXnBu6oVEhLnRmdYySh8Ph"],
    ),
    (
        "BTC wallet 1A2ek1nepqMpPHqa2EGrKhKYfQN1BG9DmF and backup 3Bs7Y5nioqJ1zdBha3sXkuNsinveVViNv2",
        &["crypto 1A2ek1nepqMpPHqa2EGrKhKYfQN1BG9DmF", "crypto 3Bs7Y5nioqJ1zdBha3sXkuNsinveVViNv2"],
    ),
    (
        "Send ETH to 0xf6F100C835745eD6ab1DBFEC50f67024a75263f2 (ERC20).",
        &["crypto 0xf6f100c835745ed6ab1dbfec50f67024a75263f2"],
    ),
    (
        "Segwit: bc1qy6a3nhzfq8mea759yxhpkah4l0j5pl90u0t32p, taproot: BC1PMLFYNMNA7AS4W8SAU66EL9PRNYJF09YYKETQCCLGM8HVDKK0X0PQX5X4UU",
        &[
            "crypto bc1qy6a3nhzfq8mea759yxhpkah4l0j5pl90u0t32p",
            "crypto bc1pmlfynmna7as4w8sau66el9prnyjf09yyketqcclgm8hvdkk0x0pqx5x4uu",
        ],
    ),
    (
        "Fake addresses: 1A2ek1nepqMpPHqa2EGrKhKYfQN1BG9DmG, 0xf6F100C835745eD6ab1DBFEC50f67024a75263F2, TUVdxQfnqXVTaXnBu6oVEhLnRmdYySh8Pj",
        &[],
    ),
    (
        "Lowercase eth 0x93ae677b2d7389747d299437c349977815700d2b is fine too",
        &["crypto 0x93ae677b2d7389747d299437c349977815700d2b"],
    ),
    (
        "Invest in our app https://tradex-global.vip/register?code=RAJ88 — admin Telegram @tradex_admin_raj, USDT to TRPayPX5U9oShgmTLtQ1G9ixR1xr6LkpL8",
        &[
            "url https://tradex-global.vip/register?code=RAJ88",
            "domain tradex-global.vip",
            "handle telegram:tradex_admin_raj",
            "crypto TRPayPX5U9oShgmTLtQ1G9ixR1xr6LkpL8",
        ],
    ),
    (
        "Guaranteed 5% daily profit. WhatsApp +44 7911 123456 for joining. Withdraw only after 30 days.",
        &["phone +447911123456"],
    ),
    ("मैंने टेलीग्राम ग्रुप में 2 लाख लगाए, एडमिन का नंबर +855 12 345 678 है", &["phone +85512345678"]),
    // ---- Sextortion / blackmail ----
    (
        "I have recorded your video call. Pay Rs 50,000 to 7987654321@ybl within 2 hours or it goes viral on YouTube.",
        &["upi 7987654321@ybl", "phone +917987654321"],
    ),
    (
        "Tumhara video mere paas hai. Paise bhejo warna sab ko bhej dungi. Insta: @angel_priya_x99",
        &["handle instagram:angel_priya_x99"],
    ),
    (
        "Delhi Police Cyber Cell (fake): your video is under investigation, call IPS officer on +91 87654 32109 to close case",
        &["phone +918765432109"],
    ),
    (
        "YouTube officer bolke call aaya 6001234567 se, video delete karne ke 25,000 maange, paid to youtube.delete@upi",
        &["phone +916001234567", "upi youtube.delete@upi"],
    ),
    ("Video call came from WhatsApp number +91 9090909090 at 11:45 pm", &["phone +919090909090"]),
    // ---- Courier / digital arrest ----
    (
        "FedEx: Your parcel to Taiwan has 5 passports and MDMA. Mumbai Police will call you. Press 9 or call 08045678912",
        &["phone +918045678912"],
    ),
    (
        "Your India Post parcel is held due to incomplete address. Update within 48 hrs: https://indiapost-redelivery.top/in",
        &["url https://indiapost-redelivery.top/in", "domain indiapost-redelivery.top"],
    ),
    (
        "CBI officer said I am under digital arrest, and asked me to transfer Rs 8,50,000 to RBI verification account 123456789012345, IFSC KKBK0000958. Skype id was cbi.officer.delhi",
        &["bank_account 123456789012345", "ifsc KKBK0000958"],
    ),
    (
        "डिजिटल अरेस्ट: खुद को ED अधिकारी बताने वाले ने वीडियो कॉल पर रखा और 4,00,000 रुपये खाता संख्या 0987 6543 2109 87 में जमा कराए, IFSC ICIC0001234",
        &["bank_account 09876543210987", "ifsc ICIC0001234"],
    ),
    (
        "TRAI: your number will be disconnected in 2 hours due to illegal activity. Press 1 or call +1 (202) 555-0147",
        &["phone +12025550147"],
    ),
    (
        "Courier boy asked for Rs 5 redelivery fee on link bluedart-delivery.shop/pay; OTP came as 673920 and money gone",
        &["url http://bluedart-delivery.shop/pay", "domain bluedart-delivery.shop"],
    ),
    ("Narcotics dept caller: 9988776655. Case no 45/2026. Aadhaar used in money laundering.", &["phone +919988776655"]),
    (
        "Customs officer ka number 7788990011 aur dusra 77889 90022, dono band hain",
        &["phone +917788990011", "phone +917788990022"],
    ),
    // ---- E-mails with headers ----
    (
        "From: SBI KYC Team <kyc.update@sbi-alerts.co>\nTo: victim123@gmail.com\nSubject: Urgent KYC\n\nClick https://sbi-alerts.co/kyc",
        &[
            "email kyc.update@sbi-alerts.co",
            "email victim123@gmail.com",
            "url https://sbi-alerts.co/kyc",
            "domain sbi-alerts.co",
        ],
    ),
    (
        "From: \"Income Tax Dept\" <refunds@incometax-gov.org.in>\nReply-To: Refund.Desk@Outlook.com",
        &["email refunds@incometax-gov.org.in", "email refund.desk@outlook.com"],
    ),
    (
        "Mail received from hr.recruit@amaz0n-careers.com with offer letter.pdf attached",
        &["email hr.recruit@amaz0n-careers.com"],
    ),
    (
        "Suspect email: lottery_winner2026@yahoo.co.in (also wrote from lottery.winner@gmail[.]com)",
        &["email lottery_winner2026@yahoo.co.in", "email lottery.winner@gmail.com"],
    ),
    ("Contact: rahul.in@gmail.com only", &["email rahul.in@gmail.com"]),
    ("Write to पुलिस@डाक.भारत or support@kyc-help.xyz.", &["email support@kyc-help.xyz"]),
    // ---- Complaint narratives: accounts, IFSC, IMEI, references ----
    (
        "Complainant states that fraud amount was transferred to beneficiary account 1234567890123 (SBI, IFSC SBIN0001234) via UTR 606912340001.",
        &["bank_account 1234567890123", "ifsc SBIN0001234", "txn_ref 606912340001"],
    ),
    (
        "Suspect's A/c no: 50200012345678, HDFC0001234. Second a/c 912010023456789 UTIB0000456",
        &["bank_account 50200012345678", "ifsc HDFC0001234", "bank_account 912010023456789", "ifsc UTIB0000456"],
    ),
    ("Account 9876543210 (Paytm Payments Bank) received the money", &["bank_account 9876543210"]),
    (
        "Fraudster account number is 9876543210, call him on 9876543210",
        &["bank_account 9876543210", "phone +919876543210"],
    ),
    ("खाता संख्या 50100123456789 और IFSC HDFC0000123 पर पैसे गए", &["bank_account 50100123456789", "ifsc HDFC0000123"]),
    (
        "Mera phone chori ho gaya. IMEI 1: 356938035643809, IMEI 2: 356938035643817. Number 9812312312 tha",
        &["imei 356938035643809", "imei 356938035643817", "phone +919812312312"],
    ),
    ("IMEI no. 35-693803-564380-9 of the stolen handset", &["imei 356938035643809"]),
    ("IMEI 356938035643808 (typed wrongly by victim)", &[]),
    (
        "Transaction IDs: 412312345678, 412312345679 and 412312345680",
        &["txn_ref 412312345678", "txn_ref 412312345679", "txn_ref 412312345680"],
    ),
    ("लेनदेन आईडी 506633334444 और संदर्भ संख्या 506633335555", &["txn_ref 506633334444", "txn_ref 506633335555"]),
    ("Ref No/UTR: HDFCR52026031012345678 dated 10-03-2026", &["txn_ref HDFCR52026031012345678"]),
    ("Txn id: ABCDE1234F (that is actually my PAN)", &[]),
    ("Victim paid via card, RRN 606912349876, card no 4111 1111 1111 1111 (expired)", &["txn_ref 606912349876"]),
    (
        "Bhai mera paisa wapas dilwa do, maine 5000 bheja tha ravi.kumar77@ybl pe, ab wo number 9988112233 band aa raha hai. UPI transaction id 412399990000",
        &["upi ravi.kumar77@ybl", "phone +919988112233", "txn_ref 412399990000"],
    ),
    (
        "Khata no. 33221100998877 me paise gaye the, ifsc cnrb0002345",
        &["bank_account 33221100998877", "ifsc CNRB0002345"],
    ),
    (
        "The suspect's bank details: Name: Ramesh Kumar, Acc No.: 000123456789, IFSC: BARB0DBKANP",
        &["bank_account 000123456789", "ifsc BARB0DBKANP"],
    ),
    (
        "Complaint regarding hacked Instagram account. Hacker's insta @hacker.boss.007 changed my email to hacker77@protonmail.com and number to +91 63000 12345",
        &["handle instagram:hacker.boss.007", "email hacker77@protonmail.com", "phone +916300012345"],
    ),
    ("A/C NO 1234-5678-9012-34 IFSC IDIB000T123", &["bank_account 12345678901234", "ifsc IDIB000T123"]),
    (
        "a/c 11223344556 se 2 transactions hue: ref 506600001111, ref 506600002222",
        &["bank_account 11223344556", "txn_ref 506600001111", "txn_ref 506600002222"],
    ),
    (
        "Mobile handset Samsung, IMEI1 861234567890127, sim number 9123098765",
        &["imei 861234567890127", "phone +919123098765"],
    ),
    (
        "एक्सिस बैंक खाता सं. 917020012345678, आईएफएससी UTIB0002345, मोबाइल नं. ९८१२३४५६७८",
        &["bank_account 917020012345678", "ifsc UTIB0002345", "phone +919812345678"],
    ),
    (
        "Mob no.+919812345678, Ph-022-23456789, ref no. 4123 4567 8901",
        &["phone +919812345678", "phone +912223456789", "txn_ref 412345678901"],
    ),
    (
        "Links: (https://x-loan.in/a_(b)). And https://kyc-sbi.com). Also https://kyc-sbi.com/path।",
        &[
            "url https://x-loan.in/a_(b)",
            "domain x-loan.in",
            "url https://kyc-sbi.com",
            "domain kyc-sbi.com",
            "url https://kyc-sbi.com/path",
            "domain kyc-sbi.com",
        ],
    ),
    ("Garbage like pqr@ybl@okaxis or stu@ybl-x or @ybl alone is not a UPI id", &[]),
    (
        "Telegram pe channel join karo t.me/s/nifty_calls_daily aur x.com alone",
        &["url http://t.me/s/nifty_calls_daily", "handle telegram:nifty_calls_daily", "url http://x.com"],
    ),
    (
        "Rs 20,000 debited from a/c 4111 1111 1111 1111 (actually his card) and Aadhaar was 9198 7654 3210 as per the caller",
        &[],
    ),
    // ---- Negatives: must yield nothing ----
    ("OTP is 483920. Do not share it with anyone.", &[]),
    ("Your OTP 4839 for login.", &[]),
    ("Amount ₹49,999 debited. Rs 1,23,456 total. Rs.5000 more. INR 25000 and 25,000/- also.", &[]),
    ("PIN code 302001, Jaipur, Rajasthan", &[]),
    ("Incident on 12/03/2026 at 10:45 and again on 2026-03-12 at 22:10", &[]),
    ("NCRP acknowledgement number 31603260012345 generated on portal", &[]),
    ("Ack No: 21103260045678. Complaint ID 20260312001. Ticket #982341", &[]),
    ("Aadhaar XXXX XXXX 1234 was shown on the call", &[]),
    ("My Aadhaar 2345 6789 0123 was misused", &[]),
    ("आधार संख्या 234567890123 है", &[]),
    ("PAN ABCDE1234F and GSTIN 08ABCDE1234F1Z5", &[]),
    ("Card number 4111 1111 1111 1111 expiry 12/29 CVV 123", &[]),
    ("Card 5105105105105100 was used at Amazon", &[]),
    ("Order ID 402-1234567-1234567 from Amazon, order no OD429876543210987", &[]),
    ("App version 2.3.10 released, 45% users updated, build 10.0.19045", &[]),
    ("Meeting at 10 a.m. tomorrow, i.e. Friday. Rs.500 fine e.g. for late.", &[]),
    ("Call 1930 or 112 in emergency. Helpline 155260.", &[]),
    ("Someone messaged @rahul123 and @priya on the group", &[]),
    ("I sent money to him.in the evening he called again.So I blocked him.", &[]),
    ("Pvt.Ltd company XYZ PVT.LTD and ABC Corp.Inc", &[]),
    ("Total 12345678 records, 3.14159 ratio, 1,00,000 loss", &[]),
    ("Dear Sir, I lost Rs 20000 in a fraud. Please help me. Thanks and regards.", &[]),
    ("शिकायत संख्या 9876543210 दर्ज की गई है", &[]),
    ("Ticket no 9876543210 has been closed", &[]),
    ("Balance is 9876543210 paise lol", &[]),
    ("Customer ID 8765432109 linked to your profile", &[]),
    ("", &[]),
    ("😀🙏 ठीक है sir, kal milte hain 🙂", &[]),
    ("Price 5876543210 is not a mobile; neither is 12345.", &[]),
    ("Random words like ABCD0EFGH and HELLOWORLD1 and SBIN001234 are not IFSC", &[]),
];

fn key(f: &sahayak_domain::identifiers::Found) -> String {
    format!("{} {}", f.kind.as_str(), f.value)
}

#[test]
fn table_has_enough_cases() {
    assert!(CASES.len() >= 150, "only {} cases", CASES.len());
}

#[test]
fn table() {
    let mut failures = Vec::new();
    for (text, expected) in CASES {
        let found = extract(text);
        let mut got: Vec<String> = found.iter().map(key).collect();
        got.sort();
        let mut want: Vec<String> = expected.iter().map(|s| (*s).to_owned()).collect();
        want.sort();
        if got != want {
            failures.push(format!("{text:?}\n   want {want:?}\n   got  {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), CASES.len(), failures.join("\n"));
}

/// Offsets, order, and agreement between `extract` and `normalize` on every case.
#[test]
fn table_consistency() {
    for (text, _) in CASES {
        let found = extract(text);
        for w in found.windows(2) {
            assert!((w[0].start, w[0].kind) <= (w[1].start, w[1].kind), "order in {text:?}");
            assert_ne!(w[0], w[1], "duplicate in {text:?}");
        }
        for f in &found {
            assert_eq!(&text[f.start..f.end], f.raw, "raw of {f:?}");
            assert_eq!(
                normalize(f.kind, &f.value).as_deref(),
                Some(f.value.as_str()),
                "normal form of {f:?} is not stable"
            );
            // A mention's platform comes from the words around it, not from `raw`.
            if !(f.kind == IdKind::Handle && f.raw.starts_with('@')) {
                assert_eq!(normalize(f.kind, &f.raw).as_deref(), Some(f.value.as_str()), "normalize(raw) of {f:?}");
            }
        }
    }
}

#[test]
fn found_serializes_with_snake_case_kind() {
    let found = extract("A/c 123456789012");
    let json = serde_json::to_value(&found[0]).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "kind": "bank_account",
            "value": "123456789012",
            "raw": "123456789012",
            "start": 4,
            "end": 16
        })
    );
    let back: sahayak_domain::identifiers::Found = serde_json::from_value(json).unwrap();
    assert_eq!(back, found[0]);
}

#[test]
fn kind_names_round_trip() {
    for k in IdKind::ALL {
        assert_eq!(IdKind::parse(k.as_str()), Some(k));
        assert_eq!(serde_json::to_value(k).unwrap(), serde_json::json!(k.as_str()));
    }
    assert_eq!(IdKind::parse(" Bank_Account "), Some(IdKind::BankAccount));
    assert_eq!(IdKind::parse("aadhaar"), None);
}

#[test]
fn normalize_examples() {
    use IdKind::*;
    let n = |k, s| normalize(k, s);
    assert_eq!(n(Phone, "(+91) 98765-43210").as_deref(), Some("+919876543210"));
    assert_eq!(n(Phone, "wa.me/919876543210").as_deref(), Some("+919876543210"));
    assert_eq!(n(Phone, "5876543210"), None);
    assert_eq!(n(Upi, " Rahul.K@YBL ").as_deref(), Some("rahul.k@ybl"));
    assert_eq!(n(Upi, "rahul@gmail"), None);
    assert_eq!(n(Upi, "98290 12345@paytm").as_deref(), Some("9829012345@paytm"));
    assert_eq!(n(Upi, "12345 12345@paytm"), None);
    assert_eq!(n(Email, "A.B@Gmail.COM").as_deref(), Some("a.b@gmail.com"));
    assert_eq!(n(Url, "www.sbi-kyc.com/x").as_deref(), Some("http://www.sbi-kyc.com/x"));
    assert_eq!(n(Domain, "https://WWW.SBI-KYC.com/x?y=1").as_deref(), Some("sbi-kyc.com"));
    assert_eq!(n(Domain, "photo.zip").as_deref(), Some("photo.zip"));
    assert_eq!(n(Handle, "IG:@Riya.Official").as_deref(), Some("instagram:riya.official"));
    assert_eq!(n(Handle, "https://t.me/InvestKing").as_deref(), Some("telegram:investking"));
    assert_eq!(n(Handle, "@riya"), None);
    assert_eq!(n(BankAccount, "1234 5678 9012").as_deref(), Some("123456789012"));
    assert_eq!(n(BankAccount, "12345678"), None);
    assert_eq!(n(Ifsc, "sbin0001234").as_deref(), Some("SBIN0001234"));
    assert_eq!(n(Imei, "35-693803-564380-9").as_deref(), Some("356938035643809"));
    assert_eq!(n(Imei, "356938035643808"), None);
    assert_eq!(n(TxnRef, "t2603 1112 3456").as_deref(), Some("T260311123456"));
    assert_eq!(n(TxnRef, "ABCDE1234F"), None);
    assert_eq!(
        n(Crypto, "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359").as_deref(),
        Some("0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359")
    );
    assert_eq!(n(Crypto, "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d35A"), None);
}

#[test]
fn normalize_any_guesses() {
    use IdKind::*;
    let cases: &[(&str, Option<(IdKind, &str)>)] = &[
        ("98765 43210", Some((Phone, "+919876543210"))),
        ("+44 20 7946 0958", Some((Phone, "+442079460958"))),
        ("rahul.k@ybl", Some((Upi, "rahul.k@ybl"))),
        ("Rahul.K@Gmail.com", Some((Email, "rahul.k@gmail.com"))),
        ("https://sbi-kyc.com/login", Some((Url, "https://sbi-kyc.com/login"))),
        ("www.sbi-kyc.com", Some((Domain, "sbi-kyc.com"))),
        ("sbi-kyc.com", Some((Domain, "sbi-kyc.com"))),
        ("instagram.com/fake.profile", Some((Handle, "instagram:fake.profile"))),
        ("telegram:@StockGuru", Some((Handle, "telegram:stockguru"))),
        ("wa.me/919812345678", Some((Phone, "+919812345678"))),
        ("SBIN0001234", Some((Ifsc, "SBIN0001234"))),
        ("356938035643809", Some((Imei, "356938035643809"))),
        ("412345678901", Some((TxnRef, "412345678901"))),
        ("50100123456789", Some((BankAccount, "50100123456789"))),
        ("T260311123456789012345", Some((TxnRef, "T260311123456789012345"))),
        ("TUVdxQfnqXVTaXnBu6oVEhLnRmdYySh8Ph", Some((Crypto, "TUVdxQfnqXVTaXnBu6oVEhLnRmdYySh8Ph"))),
        ("hello", None),
        ("", None),
        ("1234", None),
    ];
    for (input, want) in cases {
        let got = sahayak_domain::identifiers::normalize_any(input);
        let want = want.map(|(k, v)| (k, v.to_owned()));
        assert_eq!(got, want, "normalize_any({input:?})");
    }
}
