//! A UPI QR fraud's evidence: the victim's screenshots, WhatsApp's chat export, the bank
//! statement and a photo of the QR code (WebP) with its JPEG copy for the portal, each with the
//! s.63 capture facts; later one opened, one handed to the police.

use sahayak_domain::case::Lang;

use super::{Cases, EVIDENCE, MINUTE};
use crate::clock;
use crate::demo::files;
use crate::demo::replay::{Crew, Said, local, open};
use crate::evidence::input::DetailsInput;
use crate::evidence::receive::{Received, ReceivedFile};
use crate::web::AppState;

fn file(state: &AppState, bytes: Vec<u8>, name: &str) -> impl Future<Output = anyhow::Result<ReceivedFile>> {
    let dir = state.evidence.spool_dir().to_owned();
    let name = name.to_owned();
    async move {
        let mut spool = crate::evidence::spool::Spool::create(&dir).await?;
        spool.write(&bytes).await?;
        let spooled = spool.finish().await?;
        let mime = crate::evidence::sniff::sniff(&spooled.head);
        Ok(ReceivedFile { spooled, mime, original_name: name })
    }
}

fn details(pairs: &[(&'static str, String)]) -> DetailsInput {
    DetailsInput(pairs.to_vec())
}

pub async fn load(state: &AppState, crew: &Crew, cases: &Cases<'_>) -> anyhow::Result<()> {
    let user = crew.get("counsellor.jaipur")?;
    let (id, received_at) = cases.when(EVIDENCE, 0.0, 6 * MINUTE)?;
    let link = "upi://pay?pa=olxpay.verify@ibl&pn=Amit&am=12000&cu=INR";
    let phone = |method: &str, described: &str| {
        details(&[
            ("description", described.to_owned()),
            ("capture_method", method.to_owned()),
            ("device_type", "mobile".into()),
            ("device_make_model", "Xiaomi Redmi Note 12".into()),
            ("device_id", "35-693803-564380-9".into()),
            ("captured_by", "Pooja Meena (counsellor), from the victim's phone".into()),
            ("captured_at", local(received_at - 2 * MINUTE)),
            ("captured_where", "Cyber Support Centre, Jaipur (desk 2)".into()),
            ("victim_supplied", "on".into()),
        ])
    };
    let incident = cases.get(EVIDENCE)?.registered_at - 20 * MINUTE;
    let statement = files::statement_pdf(
        "Bank of Baroda - Account statement (demo)",
        &[
            "Account XXXXXXXX4417   Branch: Mansarovar, Jaipur".into(),
            String::new(),
            "Date        Narration                                          Debit       Balance".into(),
            "today       UPI/DR/512847306915/olxpay.verify@ibl/PhonePe      12,000.00   41,215.50".into(),
            "today       UPI/DR/512847311208/olxpay.verify@ibl/PhonePe      12,500.00   28,715.50".into(),
        ],
    );
    let export = files::chat_export(
        incident - 40 * MINUTE,
        &[
            (0, "Amit OLX", "Namaste ji, sofa set abhi available hai?"),
            (2, "Manoj", "Haan ji available hai, 18000 final"),
            (5, "Amit OLX", "Theek hai, main army me hun, payment PhonePe se abhi kar deta hun"),
            (9, "Amit OLX", "Ye QR scan karo, paise aapke account me aa jayenge"),
            (21, "Manoj", "Mere 12000 kat gaye, aaye nahi"),
            (23, "Amit OLX", "Galti se ho gaya, dobara scan karo 24000 wapas aayenge"),
            (31, "Manoj", "Fir se 12500 kat gaye!"),
        ],
    );
    clock::at(received_at, async {
        let handle = open(state, user, id).await?;
        let shots = Received {
            files: vec![
                file(state, files::chat_screenshot(link, 11), "Screenshot_whatsapp_amit.png").await?,
                file(state, files::payment_screenshot(12), "Screenshot_phonepe_debit.png").await?,
            ],
            details: phone("screenshot", "WhatsApp chat with 'Amit' and the payment screen after the first debit"),
        };
        crate::evidence::service::add(state, user, &handle, shots).await.said("screenshots")?;
        let chat = Received {
            files: vec![file(state, export, "WhatsApp Chat with Amit OLX.txt").await?],
            details: phone("app_export", "WhatsApp's own export of the chat with 'Amit' (text)"),
        };
        crate::evidence::service::add(state, user, &handle, chat).await.said("chat export")?;
        let pdf = Received {
            files: vec![file(state, statement, "bob-statement.pdf").await?],
            details: phone("download", "Account statement downloaded from the bank's app, both debits marked"),
        };
        crate::evidence::service::add(state, user, &handle, pdf).await.said("statement")?;
        let photo = Received {
            files: vec![file(state, files::qr_photo_webp(link), "qr-code-photo.webp").await?],
            details: phone("photo", "Photo of the QR code 'Amit' sent, printed by the victim"),
        };
        let photo = crate::evidence::service::add(state, user, &handle, photo).await.said("photo")?;
        // The portal takes JPEG and PNG: a copy of the WebP photo, pointing to its original.
        let original = photo.first().map(|i| i.id).ok_or_else(|| anyhow::anyhow!("demo photo not recorded"))?;
        crate::evidence::derive::portal_copy(state, user, &handle, original, "evidence", Lang::Hi)
            .await
            .said("portal copy")?;
        anyhow::Ok(())
    })
    .await?;
    // Later the worker opens the screenshot, and a copy of the statement goes to the police.
    let items = state.store.evidence_items(id).await?;
    let (_, later) = cases.when(EVIDENCE, 0.9, 12 * MINUTE)?;
    clock::at(later, async {
        let handle = open(state, user, id).await?;
        if let Some(shot) = items.iter().find(|i| i.mime == "image/png") {
            let _opened = crate::evidence::service::open(state, user, &handle, shot.id, true, "Checking the UTRs")
                .await
                .said("view")?;
        }
        if let Some(pdf) = items.iter().find(|i| i.mime == "application/pdf") {
            let reason = "Printed copy given to SI Rakesh Meena, Cyber Police Station, Jaipur";
            crate::evidence::service::record(state, user, &handle, pdf.id, "handed_to_police", reason)
                .await
                .said("custody")?;
        }
        anyhow::Ok(())
    })
    .await
}
