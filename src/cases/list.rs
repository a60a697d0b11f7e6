//! The case list: search box, filters, and keyset pages newest first.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use sahayak_domain::case::Status;

use super::service::{self, ListQuery};
use super::views::{self, CaseRow, Opt};
use crate::web::error::{AppError, FieldErrors};
use crate::web::page::Page;
use crate::web::session::Staff;
use crate::web::{AppState, error::url_encode};

#[derive(Template)]
#[template(path = "cases/list.html")]
struct ListPage {
    page: Page,
    q: ListQuery,
    rows: Vec<CaseRow>,
    statuses: Vec<Opt>,
    categories: Vec<Opt>,
    assignees: Vec<Opt>,
    districts: Vec<Opt>,
    show_districts: bool,
    next_href: Option<String>,
    first_href: Option<String>,
    errors: FieldErrors,
}

/// The list URL with the same filters and another cursor.
fn href(q: &ListQuery, before: Option<i64>) -> String {
    let pairs = [
        ("q", q.q.as_str()),
        ("status", q.status.as_str()),
        ("category", q.category.as_str()),
        ("assignee", q.assignee.as_str()),
        ("district", q.district.as_str()),
        ("from", q.from.as_str()),
        ("to", q.to.as_str()),
    ];
    let mut query: Vec<String> =
        pairs.iter().filter(|(_, v)| !v.trim().is_empty()).map(|(k, v)| format!("{k}={}", url_encode(v))).collect();
    if let Some(b) = before {
        query.push(format!("before={b}"));
    }
    if query.is_empty() { "/cases".to_owned() } else { format!("/cases?{}", query.join("&")) }
}

pub async fn page(
    State(state): State<AppState>,
    staff: Staff,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let page = staff.page(&state);
    let (result, errors) = match service::list(&state, &staff.user, &q).await {
        Ok(p) => (Some(p), FieldErrors::default()),
        Err(AppError::Invalid(e)) => (None, e),
        Err(e) => return Err(e),
    };
    let districts = state.districts().await?;
    let mine: Vec<_> = districts.iter().filter(|d| super::access::sees_district(&staff.user, d.id)).cloned().collect();
    let staff_list = state.store.staff_in(&mine.iter().map(|d| d.id).collect::<Vec<_>>()).await?;
    let mut assignees =
        vec![Opt { value: "none".into(), label: page.t("list-unassigned"), selected: q.assignee == "none" }];
    assignees.extend(views::staff_options(&staff_list, &q.assignee));
    let rows = result
        .as_ref()
        .map(|r| r.items.iter().map(|c| views::case_row(&page, &districts, c)).collect())
        .unwrap_or_default();
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let body = ListPage {
        statuses: views::options::<Status>(&page, &q.status),
        categories: views::category_options(&page, &q.category),
        districts: views::district_options(&page, &mine, &q.district),
        show_districts: mine.len() > 1,
        assignees,
        next_href: result.as_ref().and_then(|r| r.next).map(|n| href(&q, Some(n))),
        first_href: (!q.before.is_empty()).then(|| href(&q, None)),
        rows,
        errors,
        q,
        page,
    };
    Ok((status, Html(body.render()?)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paging_links_keep_filters() {
        let q = ListQuery { q: "ठगी upi".into(), status: "new".into(), ..Default::default() };
        assert_eq!(href(&q, Some(42)), "/cases?q=%E0%A4%A0%E0%A4%97%E0%A5%80+upi&status=new&before=42");
        assert_eq!(href(&ListQuery::default(), None), "/cases");
    }
}
