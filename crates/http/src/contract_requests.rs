//! The rules the server applies to every request body, written into the schemas requests use
//! (the part of [`crate::contract_truth`] about bodies): the text rule of
//! [`crate::strict_json`] on every string (one line, or several where the field's name says
//! so), the plausible years of a date and the plausible amounts in fen of [`butler_domain::bounds`].
//! A field a body's type does not know is ignored unread (the schemas leave
//! `additionalProperties` open), and a form's extra parts are dropped.

use utoipa::openapi::schema::{ArrayItems, Schema, SchemaType, Type};
use utoipa::openapi::{Components, OpenApi, RefOr};

use crate::contract_truth::operations_mut;

/// The characters [`crate::strict_json`] refuses in any string of a body, as a pattern: C0 and
/// C1 controls and DEL (a tab or line feed allowed in multi-line fields), and the
/// bidirectional overrides and isolates.
fn clean_text_pattern(lines: butler_domain::text::Lines) -> &'static str {
    match lines {
        butler_domain::text::Lines::Single => "^[^\\u0000-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069]*$",
        butler_domain::text::Lines::Multi => {
            "^[^\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069]*$"
        }
    }
}

/// A code in a list of codes (`item_codes`): [`butler_domain::catalog::rules::is_item_code`].
const CODE_PATTERN: &str = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$";

/// The names of the schemas a set of roots reaches through `$ref`s.
fn reached(components: &Components, roots: Vec<String>) -> std::collections::BTreeSet<String> {
    let mut seen = std::collections::BTreeSet::new();
    let mut todo = roots;
    while let Some(name) = todo.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        if let Some(schema) = components.schemas.get(&name) {
            let text = serde_json::to_string(schema).unwrap_or_default();
            todo.extend(refs_in(&text));
        }
    }
    seen
}

fn refs_in(text: &str) -> Vec<String> {
    const MARK: &str = "\"#/components/schemas/";
    text.match_indices(MARK)
        .filter_map(|(at, _)| text[at + MARK.len()..].split('"').next().map(str::to_owned))
        .collect()
}

/// Writes the text rule of every request body into the schemas requests use: each string
/// property gets the pattern its field name calls for.
pub(crate) fn request_text_rules(api: &mut OpenApi) {
    let mut request_roots = Vec::new();
    let mut forms = Vec::new();
    for item in api.paths.paths.values() {
        for op in [&item.get, &item.put, &item.post, &item.delete, &item.patch].into_iter().flatten() {
            let body = serde_json::to_string(&op.request_body).unwrap_or_default();
            request_roots.extend(refs_in(&body));
            if let Some(RefOr::T(body)) = &op.request_body {
                for (kind, content) in &body.content {
                    if kind.starts_with("multipart/") {
                        forms.extend(refs_in(&serde_json::to_string(content).unwrap_or_default()));
                    }
                }
            }
        }
    }
    for item in api.paths.paths.values_mut() {
        for (_, op) in operations_mut(item) {
            let Some(RefOr::T(body)) = op.request_body.as_mut() else { continue };
            for content in body.content.values_mut() {
                if let RefOr::T(content) = content
                    && let Some(RefOr::T(schema)) = content.schema.as_mut()
                {
                    patterns_in(schema);
                }
            }
        }
    }
    let Some(components) = api.components.as_mut() else { return };
    let requests = reached(components, request_roots);
    // A schema answers use too holds what requests put there: the same rules hold for its values.
    for name in &requests {
        if let Some(RefOr::T(schema)) = components.schemas.get_mut(name) {
            patterns_in(schema);
        }
    }
    // A part the server does not know is read and dropped, its bytes never being text to check;
    // its name travels in a header, where only visible characters (no quote, no backslash)
    // can be read. utoipa has no `propertyNames`: the keyword is added as the form's own key.
    for name in forms {
        if let Some(RefOr::T(Schema::Object(form))) = components.schemas.get_mut(&name) {
            form.additional_properties = None;
            let names = serde_json::json!({ "pattern": "^[!#-\\[\\]-~]{1,64}$" });
            form.extensions.get_or_insert_with(Default::default).insert("propertyNames".to_owned(), names);
        }
    }
}

fn patterns_in(schema: &mut Schema) {
    match schema {
        Schema::Object(object) => {
            for (name, property) in object.properties.iter_mut() {
                let RefOr::T(property) = property else { continue };
                match property {
                    Schema::Object(p) => {
                        let integer = match &p.schema_type {
                            SchemaType::Type(Type::Integer) => true,
                            SchemaType::Array(types) => types.contains(&Type::Integer),
                            _ => false,
                        };
                        if integer && name.ends_with("_fen") {
                            let max = butler_domain::bounds::MAX_FEN as f64;
                            p.minimum = Some(utoipa::Number::Float(-max));
                            p.maximum = Some(utoipa::Number::Float(max));
                        }
                        let is_string = match &p.schema_type {
                            SchemaType::Type(Type::String) => true,
                            SchemaType::Array(types) => types.contains(&Type::String),
                            _ => false,
                        };
                        let dated = matches!(
                            p.format,
                            Some(utoipa::openapi::SchemaFormat::KnownFormat(
                                utoipa::openapi::KnownFormat::Date | utoipa::openapi::KnownFormat::DateTime
                            ))
                        );
                        if is_string && dated && p.pattern.is_none() {
                            let end = if matches!(
                                p.format,
                                Some(utoipa::openapi::SchemaFormat::KnownFormat(utoipa::openapi::KnownFormat::Date))
                            ) {
                                "$"
                            } else {
                                ""
                            };
                            p.pattern = Some(format!("{}{end}", year_pattern()));
                        } else if is_string && p.pattern.is_none() && p.format.is_none() && p.enum_values.is_none() {
                            p.pattern = Some(clean_text_pattern(crate::strict_json::lines_of(name)).to_owned());
                        } else if !is_string {
                            patterns_in(property);
                        }
                    }
                    Schema::Array(array) => {
                        if let ArrayItems::RefOrSchema(inner) = &mut array.items
                            && let RefOr::T(Schema::Object(item)) = inner.as_mut()
                            && matches!(item.schema_type, SchemaType::Type(Type::String))
                            && item.pattern.is_none()
                            && item.format.is_none()
                            && item.enum_values.is_none()
                        {
                            item.pattern = Some(if name.ends_with("_codes") {
                                // A list of codes names records: a blank one names none.
                                CODE_PATTERN.to_owned()
                            } else {
                                clean_text_pattern(crate::strict_json::lines_of(name)).to_owned()
                            });
                        }
                    }
                    _ => patterns_in(property),
                }
            }
        }
        Schema::Array(array) => {
            if let ArrayItems::RefOrSchema(inner) = &mut array.items
                && let RefOr::T(item) = inner.as_mut()
            {
                match item {
                    Schema::Object(o)
                        if matches!(o.schema_type, SchemaType::Type(Type::String))
                            && o.pattern.is_none()
                            && o.format.is_none()
                            && o.enum_values.is_none() =>
                    {
                        o.pattern = Some(clean_text_pattern(butler_domain::text::Lines::Single).to_owned());
                    }
                    other => patterns_in(other),
                }
            }
        }
        Schema::AllOf(all) => all.items.iter_mut().for_each(|s| {
            if let RefOr::T(s) = s {
                patterns_in(s)
            }
        }),
        Schema::OneOf(one) => one.items.iter_mut().for_each(|s| {
            if let RefOr::T(s) = s {
                patterns_in(s)
            }
        }),
        _ => {}
    }
}

/// The years [`crate::strict_json`] takes in a date, as the start of a pattern.
fn year_pattern() -> String {
    let (from, to) = (*butler_domain::bounds::YEARS.start(), *butler_domain::bounds::YEARS.end());
    // Spelled for the bounds the domain holds today (1949–2100); a test pins them.
    debug_assert_eq!((from, to), (1949, 2100));
    "^(1949|19[5-9][0-9]|20[0-9]{2}|2100)-[0-9]{2}-[0-9]{2}".to_owned()
}
