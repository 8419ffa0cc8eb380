use super::*;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
}

fn input(amount_fen: i64, basis: Option<&str>) -> FeeInput {
    FeeInput { amount_fen, basis: basis.map(str::to_owned), receipt_number: " NO.0001 ".into(), paid_on: day(3) }
}

fn terms(legal_fees: Option<&str>, fee_basis: Option<&str>) -> ItemFeeTerms {
    ItemFeeTerms { legal_fees: legal_fees.map(str::to_owned), fee_basis: fee_basis.map(str::to_owned) }
}

#[test]
fn the_basis_defaults_to_the_item_versions() {
    let fee = check(&input(1000, None), &terms(Some("工本费 10 元"), Some("《某收费标准》")), day(5)).unwrap();
    assert_eq!((fee.amount.fen(), fee.basis.as_str(), fee.basis_from_catalog), (1000, "《某收费标准》", true));
    assert_eq!(fee.receipt_number, "NO.0001", "trimmed");
    let fee = check(&input(1000, Some(" 《另一依据》 ")), &terms(None, Some("《某收费标准》")), day(5)).unwrap();
    assert_eq!((fee.basis.as_str(), fee.basis_from_catalog), ("《另一依据》", false));
}

#[test]
fn an_item_without_a_basis_needs_one_written() {
    assert_eq!(check(&input(1000, None), &terms(None, None), day(5)), Err(vec![FeeError::BasisMissing]));
    assert_eq!(check(&input(1000, Some("  ")), &terms(None, Some(" ")), day(5)), Err(vec![FeeError::BasisMissing]));
    assert!(check(&input(1000, Some("《依据》")), &terms(None, None), day(5)).is_ok());
}

#[test]
fn an_item_that_charges_nothing_refuses_a_fee_unless_a_basis_is_written() {
    for text in ["不收费", "免费", "无", "0", "免收"] {
        let t = terms(Some(text), Some("《某依据》"));
        assert!(t.says_no_fee(), "{text}");
        assert_eq!(check(&input(1000, None), &t, day(5)), Err(vec![FeeError::BasisRequiredForFreeItem]), "{text}");
        assert!(check(&input(1000, Some("《新法》")), &t, day(5)).is_ok(), "{text}");
    }
    assert!(!terms(Some("工本费 10 元"), None).says_no_fee());
    assert!(!terms(None, None).says_no_fee());
}

#[test]
fn the_amount_is_positive_and_bounded() {
    let t = terms(None, Some("《依据》"));
    assert_eq!(FeeAmount::parse(0), Err(FeeError::AmountNotPositive));
    assert_eq!(FeeAmount::parse(-1), Err(FeeError::AmountNotPositive));
    assert_eq!(FeeAmount::parse(MAX_FEE_FEN + 1), Err(FeeError::AmountTooLarge));
    assert_eq!(FeeAmount::parse(MAX_FEE_FEN).map(FeeAmount::fen), Ok(MAX_FEE_FEN));
    assert_eq!(check(&input(0, None), &t, day(5)), Err(vec![FeeError::AmountNotPositive]));
    assert_eq!(FeeError::AmountNotPositive.field(), "amount_fen");
}

#[test]
fn every_problem_is_listed_at_once_with_its_field() {
    let mut bad = input(-5, None);
    bad.receipt_number = " ".into();
    bad.paid_on = day(9);
    let errors = check(&bad, &terms(None, None), day(5)).unwrap_err();
    assert_eq!(
        errors,
        vec![FeeError::AmountNotPositive, FeeError::BasisMissing, FeeError::ReceiptMissing, FeeError::PaidInFuture]
    );
    let fields: Vec<_> = errors.iter().map(|e| e.field()).collect();
    assert_eq!(fields, ["amount_fen", "basis", "receipt_number", "paid_on"]);
}

#[test]
fn a_correction_needs_a_reason() {
    let t = terms(None, Some("《依据》"));
    assert_eq!(check_correction(&input(500, None), " ", &t, day(5)), Err(vec![FeeError::ReasonMissing]));
    assert_eq!(
        check_correction(&input(0, None), "", &t, day(5)),
        Err(vec![FeeError::AmountNotPositive, FeeError::ReasonMissing])
    );
    let (fee, reason) = check_correction(&input(500, None), " 金额录错 ", &t, day(5)).unwrap();
    assert_eq!((fee.amount.fen(), reason.as_str()), (500, "金额录错"));
}

#[test]
fn the_department_records_on_its_own_sheets_the_window_and_office_on_any() {
    let dept = Uuid::from_u128(7);
    let actor = |role, department_id| Actor { user_id: Uuid::from_u128(1), role, department_id };
    assert!(may_record(&actor(Role::DepartmentAgent, Some(dept)), dept));
    assert!(may_record(&actor(Role::DepartmentLeader, Some(dept)), dept));
    assert!(!may_record(&actor(Role::DepartmentAgent, Some(Uuid::from_u128(8))), dept));
    assert!(may_record(&actor(Role::Office, None), dept));
    assert!(may_record(&actor(Role::WindowAgent, None), dept));
    for role in [Role::Enterprise, Role::Supervisor, Role::InvestmentOfficer, Role::Admin] {
        assert!(!may_record(&actor(role, None), dept), "{role}");
    }
}

#[test]
fn only_a_case_in_service_takes_fees() {
    for state in CaseState::ALL {
        assert_eq!(case_takes_fees(state), state == CaseState::InService, "{state}");
    }
}
