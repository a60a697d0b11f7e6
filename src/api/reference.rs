//! Reference data for API clients: districts and the portal taxonomy.

use axum::Json;
use axum::extract::State;
use sahayak_domain::taxonomy::Taxonomy;
use serde::Serialize;
use utoipa::ToSchema;

use crate::store::District;
use crate::web::error::Problem;
use crate::web::session::ApiUser;
use crate::web::{AppError, AppState};

/// The districts of this deployment.
#[utoipa::path(get, path = "/api/v1/districts", tag = "reference", security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<District>),
        (status = 400, description = "A parameter that could not be read", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn districts(State(state): State<AppState>, _api: ApiUser) -> Result<Json<Vec<District>>, AppError> {
    Ok(Json(state.districts().await?.as_ref().clone()))
}

#[derive(Serialize, ToSchema)]
pub struct TaxonomyJson {
    pub version: String,
    pub source: String,
    pub categories: Vec<CategoryJson>,
}

#[derive(Serialize, ToSchema)]
pub struct CategoryJson {
    pub main_category: String,
    pub category: String,
    pub sub_categories: Vec<String>,
}

/// The national portal's categories that cases are filed under (the current version).
#[utoipa::path(get, path = "/api/v1/taxonomy", tag = "reference", security(("bearer" = [])),
    responses(
        (status = 200, body = TaxonomyJson),
        (status = 400, description = "A parameter that could not be read", body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn taxonomy(_api: ApiUser) -> Json<TaxonomyJson> {
    let t = Taxonomy::current();
    Json(TaxonomyJson {
        version: t.version.clone(),
        source: t.source.clone(),
        categories: t
            .categories()
            .map(|(m, c)| CategoryJson {
                main_category: m.name.clone(),
                category: c.name.clone(),
                sub_categories: c.sub_categories.clone(),
            })
            .collect(),
    })
}
