//! Columns that hold a domain code (`cases.state`, `task_sheets.kind`, `users.role`, …).
//!
//! Each code is written once, in the domain: the enumeration's `code()` and `FromStr`.
//! [`Code<T>`] is the one conversion between such an enumeration and the database: it stores
//! `T::code()` in a text column and reads it back with `FromStr`, refusing text that is no code
//! of `T` (a decoding error, as for any column of the wrong type). The columns stay text, not
//! PostgreSQL enum types, which cannot grow inside a transaction: a new code needs no
//! migration.
//!
//! Why a wrapper rather than SeaORM's `DeriveActiveEnum`: the domain crate knows no database,
//! and the orphan rule forbids implementing SeaORM's traits for the domain's types here, while
//! a second enumeration mirroring each domain one would write every code twice. `Code<T>` is
//! this crate's type, so it carries the traits SeaORM asks of a column type (`ValueType`,
//! `TryGetable`, `Nullable`, `Into<Value>`) — the same ones `DeriveValueType` generates for a
//! string-like type — once for every domain enumeration listed in [`StoredCode`].

use std::error::Error;
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use butler_domain::api_access::{AccountKind, ApiScope};
use butler_domain::audit::{AuditAction, AuditOutcome};
use butler_domain::case::aftercare::FollowUpMethod;
use butler_domain::case::deadline::DeadlineKind;
use butler_domain::case::evaluation::EvaluationLevel;
use butler_domain::case::event_action::EventAction;
use butler_domain::case::lifecycle::{CaseState, EvaluationStatus};
use butler_domain::case::prereview::PreReviewState;
use butler_domain::case::sheet::{ResultNoticeChannel, SheetKind, SheetOutcome, SheetState};
use butler_domain::case::team::TeamRole;
use butler_domain::catalog::{ItemStatus, Stage};

use butler_domain::complaint::{ComplaintAction, ComplaintState, ComplaintSubject, Satisfaction};
use butler_domain::condition::{ConditionSeverity, ConditionSource};
use butler_domain::consultation::{ConsultationKind, ConsultationState};
use butler_domain::delivery::{AttemptOutcome, Channel, DeliveryState, Topic};
use butler_domain::disclosure::RosterDisclosure;
use butler_domain::intermediary::engagement::EngagementState;
use butler_domain::intermediary::{AgencyStatus, QualificationKind};
use butler_domain::material::{FileType, MaterialState};
use butler_domain::meeting::{ActionState, DecisionKind, MeetingKind, MeetingState};
use butler_domain::notice::NotificationKind;
use butler_domain::role::Role;
use butler_domain::settings::{CountyStatus, TenantKind};
use butler_domain::webhook::SubscriptionKind;
use sea_orm::sea_query::{ArrayType, ColumnType, Nullable, StringLen, ValueType, ValueTypeErr};
use sea_orm::{ActiveValue, ColIdx, DbErr, IntoActiveValue, QueryResult, TryGetError, TryGetable, Value};

/// A domain code as a column value: `Code(CaseState::Draft)` is stored as `draft`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Code<T>(pub T);

/// A domain enumeration whose codes a column may hold.
pub trait StoredCode:
    Copy + Eq + fmt::Debug + FromStr<Err: Error + Send + Sync + 'static> + Send + Sync + 'static
{
    /// The enumeration's name, for decoding errors.
    const NAME: &'static str;
    /// Every value.
    const ALL: &'static [Self];
    /// The stable code stored.
    fn code(self) -> &'static str;
}

/// Lists the domain enumerations that columns hold.
macro_rules! stored_codes {
    ($($ty:ident),+ $(,)?) => {
        $(
            impl StoredCode for $ty {
                const NAME: &'static str = stringify!($ty);
                const ALL: &'static [Self] = &$ty::ALL;

                fn code(self) -> &'static str {
                    $ty::code(self)
                }
            }
        )+

        #[cfg(test)]
        mod listed {
            use super::*;

            $(
                #[test]
                #[allow(non_snake_case)]
                fn $ty() {
                    super::tests::round_trip::<$ty>();
                }
            )+
        }
    };
}

stored_codes!(
    CaseState,
    ConsultationKind,
    ConsultationState,
    EvaluationStatus,
    SheetState,
    SheetKind,
    SheetOutcome,
    ResultNoticeChannel,
    TeamRole,
    Role,
    NotificationKind,
    DeadlineKind,
    EvaluationLevel,
    FollowUpMethod,
    Stage,
    ItemStatus,
    EventAction,
    FileType,
    MaterialState,
    Channel,
    Topic,
    DeliveryState,
    AttemptOutcome,
    SubscriptionKind,
    AccountKind,
    ApiScope,
    RosterDisclosure,
    ComplaintSubject,
    ComplaintState,
    ComplaintAction,
    Satisfaction,
    PreReviewState,
    ConditionSource,
    ConditionSeverity,
    AgencyStatus,
    QualificationKind,
    EngagementState,
    MeetingKind,
    MeetingState,
    DecisionKind,
    ActionState,
    TenantKind,
    CountyStatus,
    AuditAction,
    AuditOutcome,
);

impl<T> From<T> for Code<T> {
    fn from(value: T) -> Self {
        Code(value)
    }
}

impl<T: PartialEq> PartialEq<T> for Code<T> {
    fn eq(&self, other: &T) -> bool {
        self.0 == *other
    }
}

impl<T: StoredCode> fmt::Display for Code<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.code())
    }
}

impl<T: StoredCode> Code<T> {
    /// Reads a stored code.
    fn read(text: &str) -> Result<Self, <T as FromStr>::Err> {
        text.parse().map(Code)
    }
}

impl<T: StoredCode> From<Code<T>> for Value {
    fn from(code: Code<T>) -> Self {
        Value::String(Some(code.0.code().to_owned()))
    }
}

impl<T: StoredCode> TryGetable for Code<T> {
    fn try_get_by<I: ColIdx>(res: &QueryResult, index: I) -> Result<Self, TryGetError> {
        let text = String::try_get_by(res, index)?;
        Code::read(&text).map_err(|err| {
            TryGetError::DbErr(DbErr::TryIntoErr { from: "String", into: T::NAME, source: Arc::new(err) })
        })
    }
}

impl<T: StoredCode> ValueType for Code<T> {
    fn try_from(value: Value) -> Result<Self, ValueTypeErr> {
        let text = <String as ValueType>::try_from(value)?;
        Code::read(&text).map_err(|_| ValueTypeErr)
    }

    fn type_name() -> String {
        T::NAME.to_owned()
    }

    fn array_type() -> ArrayType {
        ArrayType::String
    }

    fn column_type() -> ColumnType {
        ColumnType::String(StringLen::None)
    }
}

impl<T: StoredCode> Nullable for Code<T> {
    fn null() -> Value {
        Value::String(None)
    }
}

/// A code may be part of a composite primary key (`channel_settings`); it is never an
/// auto-incremented one.
impl<T: StoredCode> sea_orm::TryFromU64 for Code<T> {
    fn try_from_u64(_: u64) -> Result<Self, DbErr> {
        Err(DbErr::ConvertFromU64(T::NAME))
    }
}

impl<T: StoredCode> IntoActiveValue<Code<T>> for Code<T> {
    fn into_active_value(self) -> ActiveValue<Code<T>> {
        ActiveValue::Set(self)
    }
}

/// A set of domain codes as one column value, space-separated in the enumeration's order:
/// `Codes(vec![ApiScope::CasesRead, ApiScope::SheetsWrite])` is stored as
/// `cases:read sheets:write`. Reading refuses text holding anything but codes of `T`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Codes<T>(pub Vec<T>);

impl<T: StoredCode + Ord> Codes<T> {
    fn text(&self) -> String {
        let mut codes: Vec<T> = self.0.clone();
        codes.sort();
        codes.dedup();
        codes.iter().map(|c| c.code()).collect::<Vec<_>>().join(" ")
    }

    fn read(text: &str) -> Result<Self, <T as FromStr>::Err> {
        text.split_whitespace().map(str::parse).collect::<Result<Vec<T>, _>>().map(Codes)
    }
}

impl<T: StoredCode + Ord> From<Codes<T>> for Value {
    fn from(codes: Codes<T>) -> Self {
        Value::String(Some(codes.text()))
    }
}

impl<T: StoredCode + Ord> TryGetable for Codes<T> {
    fn try_get_by<I: ColIdx>(res: &QueryResult, index: I) -> Result<Self, TryGetError> {
        let text = String::try_get_by(res, index)?;
        Codes::read(&text).map_err(|err| {
            TryGetError::DbErr(DbErr::TryIntoErr { from: "String", into: T::NAME, source: Arc::new(err) })
        })
    }
}

impl<T: StoredCode + Ord> ValueType for Codes<T> {
    fn try_from(value: Value) -> Result<Self, ValueTypeErr> {
        let text = <String as ValueType>::try_from(value)?;
        Codes::read(&text).map_err(|_| ValueTypeErr)
    }

    fn type_name() -> String {
        format!("Codes<{}>", T::NAME)
    }

    fn array_type() -> ArrayType {
        ArrayType::String
    }

    fn column_type() -> ColumnType {
        ColumnType::String(StringLen::None)
    }
}

impl<T: StoredCode + Ord> Nullable for Codes<T> {
    fn null() -> Value {
        Value::String(None)
    }
}

impl<T: StoredCode + Ord> IntoActiveValue<Codes<T>> for Codes<T> {
    fn into_active_value(self) -> ActiveValue<Codes<T>> {
        ActiveValue::Set(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The database codes are the domain's: every value is stored as its `code()` and read
    /// back as itself; other text is refused.
    pub(super) fn round_trip<T: StoredCode>() {
        assert!(!T::ALL.is_empty());
        for &value in T::ALL {
            let stored = Value::from(Code(value));
            assert_eq!(stored, Value::String(Some(value.code().to_owned())), "{value:?}");
            assert_eq!(<Code<T> as ValueType>::try_from(stored).ok(), Some(Code(value)));
            assert_eq!(value.code().parse::<T>().ok(), Some(value));
        }
        assert!(<Code<T> as ValueType>::try_from(Value::from("No Such Code")).is_err());
        assert!(<Option<Code<T>> as ValueType>::try_from(Value::String(None)).is_ok_and(|v| v.is_none()));
    }

    #[test]
    fn code_sets_are_stored_space_separated_once_each_and_read_back() {
        use butler_domain::api_access::ApiScope::*;
        let stored = Value::from(Codes(vec![SheetsWrite, CasesRead, SheetsWrite]));
        assert_eq!(stored, Value::String(Some("cases:read sheets:write".to_owned())));
        assert_eq!(<Codes<ApiScope> as ValueType>::try_from(stored).ok(), Some(Codes(vec![CasesRead, SheetsWrite])));
        assert_eq!(<Codes<ApiScope> as ValueType>::try_from(Value::from("")).ok(), Some(Codes(vec![])));
        assert!(<Codes<ApiScope> as ValueType>::try_from(Value::from("cases:read root")).is_err());
    }
}
