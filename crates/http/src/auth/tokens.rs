//! Access tokens: short-lived JWTs (HS256) signed for the actor a session belongs to.

use butler_domain::policy::Actor;
use butler_domain::role::Role;
use chrono::{DateTime, Utc};
use jsonwebtoken::{Algorithm, Header, Validation};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::ApiError;
use crate::state::AuthKeys;

const ISSUER: &str = "butler";

/// The claims of an access token.
#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Claims {
    /// The user's id.
    pub sub: Uuid,
    /// The user's tenant.
    pub tid: Uuid,
    pub role: Role,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dept: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ent: Option<Uuid>,
    pub iss: String,
    pub iat: i64,
    pub exp: i64,
}

/// Signs an access token for `actor`, valid from `now` for the configured lifetime.
pub fn issue_access(keys: &AuthKeys, actor: &Actor, now: DateTime<Utc>) -> Result<String, ApiError> {
    let claims = Claims {
        sub: actor.user_id,
        tid: actor.tenant_id,
        role: actor.role,
        dept: actor.department_id,
        ent: actor.enterprise_id,
        iss: ISSUER.to_owned(),
        iat: now.timestamp(),
        exp: (now + keys.settings.access_ttl).timestamp(),
    };
    jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &keys.encoding).map_err(ApiError::internal)
}

/// A verified access token: who it speaks for, and when it was issued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessToken {
    pub actor: Actor,
    /// Seconds since the epoch (`iat`).
    pub issued_at: i64,
}

/// Checks an access token's signature, issuer and expiry against the server's clock
/// (`now`), with no leeway: a token is valid while `now < exp`. Whether its account still
/// honours it is `auth::sessions`'s question.
pub fn verify_access(keys: &AuthKeys, token: &str, now: DateTime<Utc>) -> Result<AccessToken, ApiError> {
    let mut validation = Validation::new(Algorithm::HS256);
    validation.leeway = 0;
    // Expiry is checked below against the injectable clock, not the system's.
    validation.validate_exp = false;
    validation.set_required_spec_claims(&["exp", "iss", "sub"]);
    validation.set_issuer(&[ISSUER]);
    let data =
        jsonwebtoken::decode::<Claims>(token, &keys.decoding, &validation).map_err(|_| ApiError::Unauthenticated)?;
    let c = data.claims;
    if now.timestamp() >= c.exp {
        return Err(ApiError::Unauthenticated);
    }
    Ok(AccessToken {
        actor: Actor { user_id: c.sub, tenant_id: c.tid, role: c.role, department_id: c.dept, enterprise_id: c.ent },
        issued_at: c.iat,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::AuthSettings;
    use chrono::{Duration, TimeZone};

    fn keys(secret: &[u8]) -> AuthKeys {
        AuthKeys::new(AuthSettings {
            jwt_secret: secret.to_vec(),
            access_ttl: Duration::minutes(15),
            refresh_ttl: Duration::hours(12),
            max_failed_logins: 5,
            lockout: Duration::minutes(15),
            login_attempts_per_ip_per_minute: 20,
        })
    }

    fn actor() -> Actor {
        Actor {
            user_id: Uuid::from_u128(1),
            tenant_id: Uuid::from_u128(2),
            role: Role::DepartmentAgent,
            department_id: Some(Uuid::from_u128(3)),
            enterprise_id: None,
        }
    }

    #[test]
    fn sign_and_verify_round_trip_until_expiry() {
        let k = keys(b"0123456789abcdef0123456789abcdef");
        let now = Utc.with_ymd_and_hms(2026, 11, 26, 8, 0, 0).unwrap();
        let token = issue_access(&k, &actor(), now).unwrap();
        assert_eq!(verify_access(&k, &token, now).unwrap(), AccessToken { actor: actor(), issued_at: now.timestamp() });
        assert_eq!(verify_access(&k, &token, now + Duration::seconds(899)).unwrap().actor, actor());
        assert!(matches!(verify_access(&k, &token, now + Duration::minutes(15)), Err(ApiError::Unauthenticated)));
    }

    #[test]
    fn a_token_signed_with_another_key_is_refused() {
        let now = Utc.with_ymd_and_hms(2026, 11, 26, 8, 0, 0).unwrap();
        let forged = issue_access(&keys(b"another-secret-another-secret-xx"), &actor(), now).unwrap();
        let k = keys(b"0123456789abcdef0123456789abcdef");
        assert!(matches!(verify_access(&k, &forged, now), Err(ApiError::Unauthenticated)));
        assert!(matches!(verify_access(&k, "not.a.jwt", now), Err(ApiError::Unauthenticated)));
    }
}
