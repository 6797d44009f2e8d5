//! The answers every operation may give beside its own, written into the OpenAPI document in one
//! place so it tells the whole truth: a signed-in operation may answer 401; one with a body may
//! answer 400 (not JSON, or too big), 415 (not sent as JSON) and 422 (a field out of shape); and
//! any may answer 503 (the database can't be reached: nothing was saved) or 500. Each carries
//! the API's error shape.

use utoipa::openapi::path::Operation;
use utoipa::openapi::schema::Ref;
use utoipa::openapi::{Content, OpenApi, ResponseBuilder};
use utoipa::Modify;

pub struct CommonResponses;

const SIGNED_IN: &[(&str, &str)] = &[("401", "Not signed in, or the session has ended.")];
const WITH_BODY: &[(&str, &str)] = &[
    ("400", "The body is not JSON, or too big."),
    ("415", "The body was not sent as application/json."),
    ("422", "A field is missing or out of shape; the error names it."),
];
const ANY: &[(&str, &str)] = &[
    ("500", "Something went wrong on the server."),
    ("503", "The database can't be reached right now; nothing was saved."),
];

fn add(operation: &mut Operation, answers: &[(&str, &str)]) {
    for (status, description) in answers {
        operation.responses.responses.entry((*status).to_owned()).or_insert_with(|| {
            ResponseBuilder::new()
                .description(*description)
                .content("application/json", Content::new(Some(Ref::from_schema_name("ErrorBody"))))
                .build()
                .into()
        });
    }
}

impl Modify for CommonResponses {
    fn modify(&self, openapi: &mut OpenApi) {
        for item in openapi.paths.paths.values_mut() {
            let operations = [&mut item.get, &mut item.put, &mut item.post, &mut item.delete, &mut item.patch];
            for operation in operations.into_iter().flatten() {
                if operation.security.as_ref().is_some_and(|s| !s.is_empty()) {
                    add(operation, SIGNED_IN);
                }
                if operation.request_body.is_some() {
                    add(operation, WITH_BODY);
                }
                add(operation, ANY);
            }
        }
    }
}
