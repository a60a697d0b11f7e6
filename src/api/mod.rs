//! The JSON API's shared parts: the JSON body reader and the OpenAPI document.

mod reference;
pub mod schema;
pub mod strict;

use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header;
use axum::routing::get;
use serde::de::DeserializeOwned;
use utoipa::OpenApi;

use crate::web::{AppError, AppState};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/openapi.json", get(document))
        .route("/api/v1/districts", get(reference::districts))
        .route("/api/v1/taxonomy", get(reference::taxonomy))
}

/// The OpenAPI document, with this installation's district codes as the choices wherever a
/// district is named (they are data: one added while the server runs is in the next document).
async fn document(
    axum::extract::State(state): axum::extract::State<AppState>,
) -> Result<Json<serde_json::Value>, AppError> {
    let mut doc = serde_json::to_value(ApiDoc::openapi()).map_err(|e| AppError::Internal(e.into()))?;
    let codes: Vec<String> = state.districts().await?.iter().map(|d| d.code.clone()).collect();
    strict::tighten(&mut doc);
    strict::name_districts(&mut doc, &codes);
    Ok(Json(doc))
}

/// A time as the API writes it: RFC 3339 in UTC, to the second.
pub fn rfc3339(ms: i64) -> String {
    sahayak_domain::time::from_millis(ms).to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// A JSON request body, held to its documented shape ([`strict`]): an object with the fields
/// its schema names and no others, each of the right kind. Unlike axum's `Json`, its
/// rejections are the API's own problem documents (translated, with a stable `type`): 400 for
/// what is not a JSON object, 422 naming every field that is unknown, missing or wrong.
///
/// The body is read and checked at once, but what is wrong with it is told only when the
/// handler takes it with [`JsonBody::accept`], after its own checks of who may do what: "not
/// found" and "forbidden" come first, whatever the body says. (Only a body that is not JSON at
/// all, or too large, is refused at once.)
pub struct JsonBody<T>(Result<T, AppError>);

impl<T> JsonBody<T> {
    /// The body, or what is wrong with it. Call it once the caller may act.
    pub fn accept(self) -> Result<T, AppError> {
        self.0
    }
}

impl<T: DeserializeOwned + utoipa::ToSchema + 'static, S: Send + Sync> FromRequest<S> for JsonBody<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json"));
        if !is_json {
            return Err(AppError::BadRequest("error-media-type"));
        }
        let body = Bytes::from_request(req, state).await.map_err(|_| AppError::BadRequest("error-too-large"))?;
        Ok(JsonBody(read(&body)))
    }
}

/// Parses and checks a JSON body against `T`'s schema.
fn read<T: DeserializeOwned + utoipa::ToSchema + 'static>(body: &[u8]) -> Result<T, AppError> {
    let mut value: serde_json::Value =
        serde_json::from_slice(body).map_err(|_| AppError::BadRequest("error-bad-json"))?;
    if !value.is_object() {
        return Err(AppError::BadRequest("error-json-object"));
    }
    // NUL is never typed by a person, and PostgreSQL cannot store it in text.
    if strict::has_nul(&value) {
        return Err(AppError::BadRequest("error-bad-json"));
    }
    strict::whole_numbers(&mut value);
    let problems = strict::check(&value, &strict::shape::<T>());
    if !problems.is_empty() {
        return Err(AppError::InvalidBody(problems));
    }
    serde_json::from_value(value).map_err(|_| AppError::BadRequest("error-bad-json"))
}

/// Query parameters held to their documented shape ([`strict::check_query`]): each declared
/// parameter of the right type, choice, pattern and range, or a 422 naming it. Parameters the
/// type does not declare are ignored. Unlike axum's `Query`, its rejections are problem documents.
pub struct QueryParams<T>(pub T);

impl<T, S> axum::extract::FromRequestParts<S> for QueryParams<T>
where
    T: DeserializeOwned + utoipa::IntoParams + 'static,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, _: &S) -> Result<Self, AppError> {
        let query = parts.uri.query().unwrap_or_default();
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_str(query).map_err(|_| AppError::BadRequest("error-bad-request"))?;
        let problems = strict::check_query(&pairs, &strict::params::<T>());
        if !problems.is_empty() {
            return Err(AppError::InvalidBody(problems));
        }
        serde_urlencoded::from_str(query).map(QueryParams).map_err(|_| AppError::BadRequest("error-bad-request"))
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Sahayak API", description = "Case management for district Cyber Support Centres. \
        Sign in with `POST /api/v1/auth/login` and send the token as `Authorization: Bearer <token>`. \
        Messages follow `?lang=hi|en` or `Accept-Language`."),
    paths(
        crate::auth::api::login, crate::auth::api::logout,
        crate::cases::api::list, crate::cases::api::create, crate::cases::api::get, crate::cases::api::update,
        crate::cases::api::events, crate::cases::api::add_note, crate::cases::api::change_status,
        crate::cases::api::assign, reference::districts, reference::taxonomy,
        crate::identifiers::api::extract, crate::identifiers::api::cases, crate::identifiers::api::flag,
        crate::identifiers::api::for_case, crate::identifiers::api::confirm, crate::identifiers::api::remove,
        crate::identifiers::api::rings, crate::identifiers::api::ring,
        crate::triage::api::actions, crate::triage::api::record, crate::triage::api::deadlines, crate::triage::api::queue,
        crate::triage::advice_api::list, crate::triage::advice_api::save, crate::triage::advice_api::get,
        crate::trail::api::list, crate::trail::api::add, crate::trail::api::remove,
        crate::trail::api::import, crate::trail::api::import_confirm,
        crate::trail::api::restorations, crate::trail::api::save_restoration, crate::trail::api::money,
        crate::triage::plan_api::tasks, crate::triage::plan_api::set_done, crate::triage::plan_api::switch,
        crate::triage::plan_api::plans,
        crate::privacy::api::consents, crate::privacy::api::record, crate::privacy::export::api,
        crate::evidence::api::upload, crate::evidence::api::list, crate::evidence::api::item,
        crate::evidence::api::content, crate::evidence::api::record_custody, crate::evidence::api::portal_copy,
        crate::evidence::api::verify, crate::evidence::api::bundle,
        crate::victim::api::track, crate::victim::api::issue_code, crate::victim::api::requests,
        crate::counselling::list, crate::counselling::add,
        crate::referrals::list, crate::referrals::add, crate::referrals::update,
        crate::directory::districts::add_api,
        crate::directory::districts::edit_api,
        crate::directory::api::stations, crate::directory::api::add_station, crate::directory::api::edit_station,
        crate::directory::api::contacts, crate::directory::api::add_contact, crate::directory::api::edit_contact,
        crate::directory::api::tips, crate::directory::api::add_tip, crate::directory::api::edit_tip,
        crate::directory::api::hide_tip,
        crate::staff::api::list, crate::staff::api::add, crate::staff::api::get, crate::staff::api::change,
        crate::staff::api::reset_link, crate::staff::api::reset_two_step,
        crate::followup::list, crate::followup::record_api,
        crate::documents::api::pdf,
        crate::dashboards::api::dashboard, crate::dashboards::api::report,
        crate::awareness::api::institutions, crate::awareness::api::create_institution,
        crate::awareness::api::institution, crate::awareness::api::update_institution,
        crate::awareness::api::programmes, crate::awareness::api::create_programme,
        crate::awareness::api::programme, crate::awareness::api::update_programme,
        crate::awareness::api::attendance, crate::awareness::api::feedback_summary,
        crate::awareness::api::submit_feedback,
    ),
    modifiers(&BearerAuth),
    tags((name = "auth"), (name = "cases"), (name = "evidence"), (name = "documents"), (name = "identifiers"), (name = "triage"), (name = "privacy"), (name = "victim"), (name = "counselling"), (name = "referrals"), (name = "directory"), (name = "staff"), (name = "dashboards"), (name = "awareness"), (name = "reference"))
)]
pub struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}
