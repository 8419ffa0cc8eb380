//! Who a signed-in account acts as.

use butler_domain::policy::Actor;
use butler_persistence::repo::users::UserRow;

use crate::AppError;

/// The actor an account acts as.
pub fn actor_of(user: &UserRow) -> Result<Actor, AppError> {
    let role = user.role.0;
    Ok(Actor {
        user_id: user.id,
        tenant_id: user.tenant_id,
        role,
        department_id: user.department_id,
        enterprise_id: user.enterprise_id,
    })
}
