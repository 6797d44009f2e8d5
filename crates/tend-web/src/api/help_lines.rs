//! Help lines people can call, open to everyone (no account needed). The country is a parameter
//! of the request and nothing else: Tend keeps no record of which country anyone asked about.

use axum::extract::Query;
use axum::Json;
use serde::Deserialize;
use utoipa::IntoParams;

use super::error::{ApiError, ErrorBody};
use crate::services::help_lines::{self, HelplinesView};

#[derive(Debug, Deserialize, IntoParams)]
pub struct CountryQuery {
    /// ISO 3166-1 alpha-2 code (any case); left out, only the countries to choose from come back.
    pub country: Option<String>,
}

/// National domestic-abuse and crisis lines for a country, each with when and against which
/// public source it was checked, and the countries that have lines.
#[utoipa::path(get, path = "/help-lines", operation_id = "listHelpLines", tag = "safety",
    params(CountryQuery),
    responses((status = 200, body = HelplinesView), (status = 422, body = ErrorBody)))]
pub async fn list_help_lines(Query(query): Query<CountryQuery>) -> Result<Json<HelplinesView>, ApiError> {
    let country = help_lines::country(query.country.as_deref().unwrap_or_default())?;
    Ok(Json(help_lines::view(country)))
}
