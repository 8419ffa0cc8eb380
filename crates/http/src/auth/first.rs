//! Authentication before anything else of a request: the bearer credential is resolved, the
//! operation's role gate passed ([`crate::role_gate`]: role before body) and its realm checked (a platform administrator reaches only the platform's operations
//! and its own account, everyone else none of the platform's) before any extractor runs, so a
//! refused caller is refused the same way whatever else is wrong with the request (a body that
//! would not validate, a path naming nothing); a request without a credential for an operation
//! that takes one is 401 at once, before its body is read. Sign-in and the public side go on to
//! their handlers, whose extractors answer for themselves (the public side of a county not in
//! service is 404 through `butler_app::platform::open_county`).

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::AUTHORIZATION;
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage, ResponseError};

use crate::client_scopes;
use crate::error::ApiError;
use crate::extract::{Caller, bearer, realm, resolve};
use crate::role_gate;

/// Whether `path` is an operation that takes a signed-in caller.
fn guarded(path: &str) -> bool {
    path.starts_with("/api/v1/")
        && !path.starts_with("/api/v1/auth/")
        && !path.starts_with("/api/v1/public/")
        && path != "/api/v1/openapi.json"
}

/// Whether the caller's credential opens `operation`: a person's always, an API client's when
/// its scopes do ([`client_scopes`]).
fn opened(caller: &Caller, operation: &str) -> bool {
    match caller {
        Caller::Client(principal) => match client_scopes::opening(operation) {
            client_scopes::Opening::AnyScope => true,
            client_scopes::Opening::Scopes(needed) => principal.holds_any(&needed),
            client_scopes::Opening::Closed => false,
        },
        _ => true,
    }
}

pub async fn authenticate_first(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, Error> {
    let known = req
        .app_data::<actix_web::web::Data<crate::methods::KnownPaths>>()
        .is_some_and(|k| k.allowed(req.path()).is_some());
    if guarded(req.path()) && known && !req.headers().contains_key(AUTHORIZATION) {
        // No credential on an operation that takes one: 401 before any body is read (a path
        // the contract lacks stays 404).
        let res = ApiError::Unauthenticated.error_response();
        return Ok(req.into_response(res).map_into_right_body());
    }
    if guarded(req.path()) && req.headers().contains_key(AUTHORIZATION) {
        let resolved = match bearer(req.request()) {
            Ok((state, credential)) => resolve(&state, &credential).await,
            Err(e) => Err(e),
        };
        let operation = role_gate::operation_for(req.method().as_str(), req.path());
        let checked =
            resolved.and_then(|caller| realm(&caller, req.method(), req.path()).map(|()| caller)).and_then(|caller| {
                match operation {
                    // Role before body: a role that may never take the operation is refused
                    // before its body is read or any record looked up (an API client whose
                    // scopes do not open the operation hears that first, from its extractor).
                    Some(op) if opened(&caller, op) && !role_gate::admits(op, caller.actor().role) => {
                        Err(ApiError::Forbidden)
                    }
                    _ => Ok(caller),
                }
            });
        match checked {
            Ok(caller) => {
                req.extensions_mut().insert(caller);
            }
            Err(refused) => {
                let res = refused.error_response();
                return Ok(req.into_response(res).map_into_right_body());
            }
        }
    }
    next.call(req).await.map(ServiceResponse::map_into_left_body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signed_in_operations_are_told_by_their_path() {
        assert!(guarded("/api/v1/cases"));
        assert!(guarded("/api/v1/platform/counties"));
        assert!(guarded("/api/v1/me"));
        assert!(!guarded("/api/v1/auth/login"));
        assert!(!guarded("/api/v1/public/example/service"));
        assert!(!guarded("/api/v1/openapi.json"));
        assert!(!guarded("/console/cases"));
    }
}
