//! Initial passwords: random, meeting the password rule, easy to read out (no 0/O, 1/l/I).

use butler_domain::text::NewPassword;
use rand::Rng;

const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

/// A fresh initial password: three groups of four characters joined by hyphens (about 70 bits),
/// with lower-case, upper-case and digits.
pub fn initial_password() -> NewPassword {
    let mut rng = rand::rng();
    loop {
        let groups: Vec<String> = (0..3)
            .map(|_| (0..4).map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())])).collect())
            .collect();
        let text = groups.join("-");
        let classes = [
            text.chars().any(|c| c.is_ascii_lowercase()),
            text.chars().any(|c| c.is_ascii_uppercase()),
            text.chars().any(|c| c.is_ascii_digit()),
        ];
        if classes.iter().all(|c| *c)
            && let Ok(p) = NewPassword::parse(&text)
        {
            return p;
        }
    }
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
