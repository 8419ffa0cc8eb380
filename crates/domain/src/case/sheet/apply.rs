//! Deciding a command on a sheet: the table, who may act, and each command's own rules.

use chrono::{DateTime, TimeDelta, Utc};

use super::{
    ClockStop, Decision, Extension, FollowUp, Outcome, SA, SheetAction, SheetCommand, SheetError, SheetEvent, St,
    TaskSheet, Who, allowed_sheet_actions, sheet_rule,
};
use crate::calendar::{Calendar, Pause};
use crate::case::Actor;
use crate::role::Role;

/// Decides `command` on `sheet` by `actor` at `now`: checks the table, the actor and the
/// command's own rules, and returns the new sheet with the events to append.
pub fn apply(
    sheet: &TaskSheet,
    command: SheetCommand,
    actor: &Actor,
    now: DateTime<Utc>,
    calendar: &Calendar,
) -> Result<Outcome, SheetError> {
    let action = command.action();
    let rule = rule_for(sheet, action, actor)?;
    let mut next = sheet.clone();
    let mut follow_up = None;
    let event = match command {
        SheetCommand::Acknowledge => acknowledge(&mut next, actor, now, calendar)?,
        SheetCommand::RequestCorrection { reason, materials } => {
            let reason = required(reason, action)?;
            next.stops.push(ClockStop { pause: Pause::open(now), reason: reason.clone() });
            SheetEvent::CorrectionRequested { reason, materials }
        }
        SheetCommand::SupplyCorrection => {
            let pause = next.close_open_stop(now);
            let paused =
                pause.map_or(TimeDelta::zero(), |p| calendar.office_time_between(p.start, p.end.unwrap_or(now)));
            SheetEvent::CorrectionSupplied {
                paused_office_minutes: paused.num_minutes(),
                finish_by: next.finish_deadline(calendar, now)?,
            }
        }
        SheetCommand::SupplyMissingMaterials { names } => supply(&mut next, names, now)?,
        SheetCommand::Extend { working_days, reason } => extend(&mut next, working_days, reason, now, calendar)?,
        SheetCommand::Finish { decision } => {
            let on_time = finish(&mut next, &decision, now, calendar)?;
            SheetEvent::Finished { decision, on_time }
        }
        SheetCommand::ApproveOnCommitment { document_number } => {
            if !next.rules.allows_commitment {
                return Err(SheetError::CommitmentNotAllowed);
            }
            let decision = Decision::Approved { document_number: document_number.clone() };
            let on_time = finish(&mut next, &decision, now, calendar)?;
            next.approved_on_commitment = true;
            follow_up = Some(FollowUp::VerificationSheet { department_id: next.department_id });
            SheetEvent::ApprovedOnCommitment { document_number, on_time }
        }
        SheetCommand::SendBack { reason } => SheetEvent::SentBack { reason: required(reason, action)? },
        SheetCommand::Redispatch { department_id } => {
            next.department_id = department_id;
            next.dispatched_at = now;
            next.assignee_id = None;
            next.acknowledged_at = None;
            SheetEvent::Redispatched {
                department_id,
                acknowledge_by: next.acknowledgement_deadline(calendar)?,
                finish_by: next.finish_deadline(calendar, now)?,
            }
        }
        SheetCommand::Transfer { to_user_id, to_department_id } => {
            if to_department_id != next.department_id {
                return Err(SheetError::TransferOutsideDepartment);
            }
            if next.assignee_id == Some(to_user_id) {
                return Err(SheetError::AlreadyHeld);
            }
            let from_user_id = next.assignee_id.replace(to_user_id);
            SheetEvent::Transferred { from_user_id, to_user_id }
        }
        SheetCommand::Cancel { reason } => {
            let reason = required(reason, action)?;
            next.close_open_stop(now);
            next.closed_at = Some(now);
            SheetEvent::Cancelled { reason }
        }
    };
    // The table names where the action leads; the arms above never set the state.
    next.state = rule.to.state_from(sheet.state);
    let deadlines = super::effects::deadline_changes(sheet, &next, action, now, calendar)?;
    Ok(Outcome { sheet: next, events: vec![event], follow_up, deadlines, notifications: Vec::new() })
}

fn check_who(who: Who, sheet: &TaskSheet, action: SheetAction, actor: &Actor) -> Result<(), SheetError> {
    let forbidden = || SheetError::Forbidden { action, role: actor.role };
    let in_department = actor.department_id == Some(sheet.department_id);
    match who {
        Who::Window => matches!(actor.role, Role::WindowAgent | Role::Office).then_some(()).ok_or_else(forbidden),
        Who::Supplier => match actor.role {
            Role::Enterprise | Role::WindowAgent | Role::Office => Ok(()),
            Role::DepartmentAgent | Role::DepartmentLeader if in_department => Ok(()),
            Role::DepartmentAgent | Role::DepartmentLeader => Err(SheetError::OtherDepartment { action }),
            _ => Err(forbidden()),
        },
        Who::DepartmentLeader => match actor.role {
            Role::DepartmentLeader if in_department => Ok(()),
            Role::DepartmentLeader => Err(SheetError::OtherDepartment { action }),
            _ => Err(forbidden()),
        },
        Who::Holder => match actor.role {
            Role::DepartmentAgent | Role::DepartmentLeader if !in_department => {
                Err(SheetError::OtherDepartment { action })
            }
            Role::DepartmentLeader => Ok(()),
            Role::DepartmentAgent => match sheet.assignee_id {
                Some(holder) if holder != actor.user_id => Err(SheetError::NotTheHolder { action }),
                _ => Ok(()),
            },
            _ => Err(forbidden()),
        },
    }
}

fn required(text: String, action: SheetAction) -> Result<String, SheetError> {
    if text.trim().is_empty() { Err(SheetError::ReasonRequired { action }) } else { Ok(text) }
}

fn acknowledge(
    sheet: &mut TaskSheet,
    actor: &Actor,
    now: DateTime<Utc>,
    calendar: &Calendar,
) -> Result<SheetEvent, SheetError> {
    let on_time = now <= sheet.acknowledgement_deadline(calendar)?;
    sheet.acknowledged_at = Some(now);
    sheet.assignee_id.get_or_insert(actor.user_id);
    Ok(SheetEvent::Acknowledged { on_time })
}

fn supply(sheet: &mut TaskSheet, names: Vec<String>, now: DateTime<Utc>) -> Result<SheetEvent, SheetError> {
    let outstanding = sheet.outstanding_materials();
    let unknown: Vec<String> = names.iter().filter(|n| !outstanding.contains(n)).cloned().collect();
    if names.is_empty() || !unknown.is_empty() {
        return Err(SheetError::UnknownMaterials { names: unknown });
    }
    for material in &mut sheet.missing_materials {
        if material.supplied_at.is_none() && names.contains(&material.name) {
            material.supplied_at = Some(now);
        }
    }
    Ok(SheetEvent::MissingMaterialsSupplied { names, still_missing: sheet.outstanding_materials().len() })
}

fn extend(
    sheet: &mut TaskSheet,
    working_days: u32,
    reason: String,
    now: DateTime<Utc>,
    calendar: &Calendar,
) -> Result<SheetEvent, SheetError> {
    let max = sheet.rules.max_extension_working_days.ok_or(SheetError::ExtensionNotAllowed)?;
    if sheet.extension.is_some() {
        return Err(SheetError::AlreadyExtended);
    }
    if working_days == 0 || working_days > max {
        return Err(SheetError::ExtensionOutOfBounds { requested: working_days, max });
    }
    let reason = required(reason, SA::Extend)?;
    let deadline = sheet.finish_deadline(calendar, now)?;
    if now > deadline {
        return Err(SheetError::ExtensionAfterDeadline { deadline });
    }
    sheet.extension = Some(Extension { working_days, reason: reason.clone(), granted_at: now });
    Ok(SheetEvent::Extended { working_days, reason, finish_by: sheet.finish_deadline(calendar, now)? })
}

/// Records `decision`; returns whether it came within the deadline.
fn finish(
    sheet: &mut TaskSheet,
    decision: &Decision,
    now: DateTime<Utc>,
    calendar: &Calendar,
) -> Result<bool, SheetError> {
    match decision {
        Decision::Approved { document_number } => {
            if sheet.state == St::Paused {
                return Err(SheetError::ApprovalWhilePaused);
            }
            if document_number.trim().is_empty() {
                return Err(SheetError::DocumentNumberRequired);
            }
            let names = sheet.outstanding_materials();
            if !names.is_empty() {
                return Err(SheetError::MaterialsOutstanding { names });
            }
        }
        Decision::NotApproved { reason } | Decision::Withdrawn { reason } => {
            required(reason.clone(), SA::Finish)?;
        }
    }
    let on_time = now <= sheet.finish_deadline(calendar, now)?;
    sheet.close_open_stop(now);
    sheet.decision = Some(decision.clone());
    sheet.closed_at = Some(now);
    Ok(on_time)
}

/// Whether `actor` may take `action` on `sheet` now, by the table and by who may act (the
/// command's own rules, such as a reason or the item allowing an extension, aside). The one
/// rule behind both [`apply`] and the actions a screen offers ([`actions_for`]).
pub fn may(sheet: &TaskSheet, action: SheetAction, actor: &Actor) -> Result<(), SheetError> {
    rule_for(sheet, action, actor).map(|_| ())
}

/// The table's row for `action` on `sheet`, once `actor` is found among who may take it:
/// who acts is checked before the sheet's state, so a caller who may never take the action
/// on this sheet (another department's, another's holding) is told so, not what state the
/// sheet is in.
fn rule_for(sheet: &TaskSheet, action: SheetAction, actor: &Actor) -> Result<&'static super::SheetRule, SheetError> {
    if let Some(who) = super::who_takes(action) {
        check_who(who, sheet, action, actor)?;
    }
    let rule = sheet_rule(sheet.state, action).ok_or_else(|| SheetError::NotAllowed {
        state: sheet.state,
        action,
        allowed: allowed_sheet_actions(sheet.state),
    })?;
    check_who(rule.who, sheet, action, actor)?;
    Ok(rule)
}

/// The actions `actor` may take on `sheet` now, in table order: those [`apply`] would not
/// refuse for the state or the actor (it may still refuse a command for its own rules).
pub fn actions_for(sheet: &TaskSheet, actor: &Actor) -> Vec<SheetAction> {
    allowed_sheet_actions(sheet.state).into_iter().filter(|a| may(sheet, *a, actor).is_ok()).collect()
}
