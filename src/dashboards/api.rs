//! The dashboard and the monthly report as JSON.

use axum::Json;
use axum::extract::State;

use super::figures::{self, DashQuery, Dashboard};
use super::report::{self, Report, ReportQuery};
use crate::web::error::Problem;
use crate::web::page::Page;
use crate::web::session::ApiUser;
use crate::web::{AppError, AppState};

/// The dashboard's figures for a district (or every district the caller may see) over a
/// period of months. Monthly figures are about the cases registered in each month.
#[utoipa::path(get, path = "/api/v1/dashboard", tag = "dashboards", security(("bearer" = [])), params(DashQuery),
    responses(
        (status = 200, body = Dashboard),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn dashboard(
    State(state): State<AppState>,
    api: ApiUser,
    crate::api::QueryParams(q): crate::api::QueryParams<DashQuery>,
) -> Result<Json<Dashboard>, AppError> {
    let r = figures::resolve(&state, &api.user, &q).await?;
    Ok(Json(figures::load(&state, &r).await?))
}

/// The monthly MIS report: one month's figures per district, and their total. Labels follow
/// the caller's language.
#[utoipa::path(get, path = "/api/v1/dashboard/report", tag = "dashboards", security(("bearer" = [])),
    params(ReportQuery),
    responses(
        (status = 200, body = Report),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn report(
    State(state): State<AppState>,
    api: ApiUser,
    crate::api::QueryParams(q): crate::api::QueryParams<ReportQuery>,
) -> Result<Json<Report>, AppError> {
    let mut page = Page::anonymous(api.lang, "");
    page.user = Some(api.user.clone());
    Ok(Json(report::build(&state, &page, &api.user, &q).await?))
}
