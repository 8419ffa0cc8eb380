//! Enumerations with stable snake_case codes: the codes are what the database keeps and the
//! HTTP contract shows, so a variant's code never changes once stored.
//!
//! [`code_enum!`] declares such an enumeration with its `code()`, `ALL`, `Display` (the code),
//! `FromStr` (refusing unknown text with [`UnknownCode`]) and serde as the code; with the
//! `openapi` feature it is also a `utoipa` schema (an `enum` of the codes).

/// Text that is not one of an enumeration's codes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} `{code}`")]
pub struct UnknownCode {
    /// What was parsed, e.g. `team role`.
    pub kind: &'static str,
    /// The text refused.
    pub code: String,
}

/// Declares a code enumeration: `enum Name: "what it is" { Variant = "code", … }`.
macro_rules! code_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident : $what:literal {
            // `tt`, not `literal`: a `literal` fragment reaches the derives wrapped in an invisible
            // group, which utoipa's attribute parser does not read (the schema would list the
            // variants' names instead of the codes).
            $( $(#[$vmeta:meta])* $variant:ident = $code:tt ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
        )]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        $vis enum $name {
            $( $(#[$vmeta])* #[serde(rename = $code)] $variant ),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: [$name; [$(stringify!($variant)),+].len()] = [$($name::$variant),+];

            /// The stable code (as stored and serialised).
            pub fn code(self) -> &'static str {
                match self {
                    $( $name::$variant => $code ),+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::codes::UnknownCode;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::ALL
                    .into_iter()
                    .find(|x| x.code() == s)
                    .ok_or_else(|| $crate::codes::UnknownCode { kind: $what, code: s.to_owned() })
            }
        }
    };
}

pub(crate) use code_enum;

/// Checks that an enumeration's codes are distinct snake_case, round-trip through `FromStr`
/// and serde, and that unknown text is refused (for the tests of each enumeration).
#[cfg(test)]
pub(crate) fn assert_codes<T>(all: &[T])
where
    T: Copy
        + PartialEq
        + std::fmt::Debug
        + std::fmt::Display
        + std::str::FromStr
        + serde::Serialize
        + serde::de::DeserializeOwned,
    <T as std::str::FromStr>::Err: std::fmt::Debug,
{
    let mut seen = std::collections::BTreeSet::new();
    for value in all {
        let code = value.to_string();
        assert!(seen.insert(code.clone()), "{code} twice");
        assert!(
            !code.is_empty() && code.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
            "{code} is not snake_case"
        );
        assert_eq!(code.parse::<T>().ok(), Some(*value), "{code}");
        assert_eq!(serde_json::to_value(value).unwrap(), serde_json::Value::String(code.clone()));
        assert_eq!(serde_json::from_value::<T>(serde_json::Value::String(code.clone())).unwrap(), *value);
    }
    assert!("No Such Code".parse::<T>().is_err());
}
