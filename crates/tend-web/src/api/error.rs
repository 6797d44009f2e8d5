//! The API's one error shape, `{"error": {"code", "message", "field"?, "fields"?}}`, and the one
//! place where each service outcome becomes an HTTP status.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::de::DeserializeOwned;
use serde::Serialize;
use tend_core::msg;
use utoipa::ToSchema;

use crate::services::ServiceError;

#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
    fields: Vec<FieldErrorBody>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// A stable, machine-readable code such as `invalid_input` or `not_found`.
    pub code: String,
    /// A calm sentence a person can read.
    pub message: String,
    /// The first field at fault, for validation errors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Every field at fault, for validation errors.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldErrorBody>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FieldErrorBody {
    pub field: String,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self { status, code, message: message.into(), fields: Vec::new() }
    }

    pub fn unauthorized() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "unauthorized", msg::error_log_do_this())
    }

    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", msg::error_there_nothing_here())
    }
}

impl From<ServiceError> for ApiError {
    fn from(err: ServiceError) -> Self {
        match err {
            ServiceError::Invalid(errors) => {
                let fields: Vec<FieldErrorBody> = errors
                    .iter()
                    .map(|e| FieldErrorBody { field: e.field.to_owned(), message: e.message.to_owned() })
                    .collect();
                let message = fields.first().map(|f| f.message.clone()).unwrap_or_default();
                Self { status: StatusCode::UNPROCESSABLE_ENTITY, code: "invalid_input", message, fields }
            }
            ServiceError::WrongCredentials => {
                Self::new(StatusCode::UNAUTHORIZED, "wrong_credentials", msg::error_that_email_password_dont())
            }
            ServiceError::TooManyAttempts => {
                Self::new(StatusCode::TOO_MANY_REQUESTS, "too_many_attempts", msg::error_there_have_been_many())
            }
            ServiceError::NotFound => Self::not_found(),
            ServiceError::Conflict { code, message } => Self::new(StatusCode::CONFLICT, code, message),
            ServiceError::Unavailable => {
                Self::new(StatusCode::SERVICE_UNAVAILABLE, "unavailable", msg::error_tend_cant_reach_its())
            }
            ServiceError::Internal(err) => {
                tracing::error!(error = ?err, "unexpected failure");
                Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", msg::error_something_went_wrong_our())
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code.to_owned(),
                message: self.message,
                field: self.fields.first().map(|f| f.field.clone()),
                fields: self.fields,
            },
        };
        (self.status, Json(body)).into_response()
    }
}

/// `Json<T>` whose rejections (bad JSON, wrong content type) answer in the API's error shape.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(value)) => Ok(Self(value)),
            Err(rejection) => {
                let (status, code) = match &rejection {
                    JsonRejection::MissingJsonContentType(_) => {
                        (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type")
                    }
                    JsonRejection::JsonDataError(_) => (StatusCode::UNPROCESSABLE_ENTITY, "invalid_input"),
                    _ => (StatusCode::BAD_REQUEST, "bad_request"),
                };
                Err(ApiError::new(status, code, rejection.body_text()))
            }
        }
    }
}

impl From<tend_store::StoreError> for ApiError {
    fn from(err: tend_store::StoreError) -> Self {
        ServiceError::from(err).into()
    }
}
