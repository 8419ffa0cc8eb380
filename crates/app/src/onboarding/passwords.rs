//! Initial passwords: random, meeting the password rule, easy to read out (no 0/O, 1/l/I).

use butler_domain::text::NewPassword;

/// A fresh initial password, as every initial password is made
/// ([`crate::password::generate_initial`]).
pub fn initial_password() -> NewPassword {
    crate::password::generate_initial()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initial_passwords_meet_the_rule_and_differ() {
        let a = initial_password();
        let b = initial_password();
        assert_ne!(a.expose(), b.expose());
        for p in [a, b] {
            assert_eq!(p.expose().len(), 14);
            assert!(NewPassword::parse(p.expose()).is_ok());
        }
    }
}
