//! Mutations: byte-level edits, and edits that know the input's shape (a JSON value, the
//! XML parts inside a zip archive) so that mutants stay close enough to valid to reach the
//! parser's deep code rather than its first check.

use std::io::{Cursor, Read, Write};

use serde_json::Value;

use crate::rng::Rng;

/// What an input is, for the mutations that know its structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Short text: a header, a code, a URL, a cursor.
    Text,
    /// A JSON body.
    Json,
    /// A zip package (an .xlsx workbook).
    Zip,
    /// Any bytes (a CSV sheet, a file's first bytes, a multipart body).
    Bytes,
}

/// Characters that break naive text handling: controls, text-direction overrides, a byte-order
/// mark, multi-byte and four-byte characters, separators.
const CHARS: &[char] = &[
    '\0',
    '\n',
    '\r',
    '\t',
    '\u{7f}',
    '\u{85}',
    '\u{a0}',
    '\u{200b}',
    '\u{202e}',
    '\u{2066}',
    '\u{feff}',
    '\u{fffd}',
    '\u{10ffff}',
    '长',
    '县',
    '日',
    '𠀀',
    'é',
    ' ',
    '-',
    '_',
    '"',
    '\\',
    '/',
    ',',
    ';',
    '=',
    '*',
    '%',
    '.',
    ':',
    '@',
    '#',
    '?',
];

/// Numbers at the edges of every integer and float type.
const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "1",
    "-1",
    "7",
    "31",
    "60",
    "127",
    "128",
    "255",
    "256",
    "1948",
    "1949",
    "2100",
    "2101",
    "9999",
    "10000",
    "65535",
    "65536",
    "2147483647",
    "2147483648",
    "-2147483648",
    "4294967295",
    "4294967296",
    "9007199254740993",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "18446744073709551616",
    "1e308",
    "1e400",
    "-1e400",
    "1.5",
    "0.1",
    "1e-400",
    "NaN",
    "Infinity",
    "99999999999999999999999999999",
];

/// One to four stacked mutations of `input`, at most `max_len` bytes. `pool` supplies other
/// inputs to splice with; `dictionary` the target's tokens.
pub fn mutate(
    rng: &mut Rng,
    input: &[u8],
    shape: Shape,
    dictionary: &[&[u8]],
    pool: &[Vec<u8>],
    max_len: usize,
) -> Vec<u8> {
    let structured = match shape {
        Shape::Json if rng.chance(2) => mutate_json(rng, input, dictionary),
        Shape::Zip if rng.chance(4) && input.starts_with(b"PK") => mutate_zip(rng, input, dictionary, max_len),
        _ => None,
    };
    let mut out = match structured {
        Some(out) => out,
        None => {
            let mut out = input.to_vec();
            for _ in 0..rng.below(4) + 1 {
                mutate_bytes(rng, &mut out, dictionary, pool, max_len);
            }
            out
        }
    };
    out.truncate(max_len);
    out
}

/// One byte-level edit in place.
pub fn mutate_bytes(rng: &mut Rng, data: &mut Vec<u8>, dictionary: &[&[u8]], pool: &[Vec<u8>], max_len: usize) {
    let len = data.len();
    match rng.below(14) {
        0 if len > 0 => {
            let i = rng.below(len);
            data[i] ^= 1 << rng.below(8);
        }
        1 if len > 0 => {
            let i = rng.below(len);
            data[i] = *rng.pick(&[0u8, 0xff, 0x7f, 0x80, b'0', b'9', b'A', b'z', b'"', b'\\', b' ', b'-', b'.', b'\n']);
        }
        2 => {
            let i = rng.below(len + 1);
            let n = rng.below(8) + 1;
            let bytes: Vec<u8> = (0..n).map(|_| rng.byte()).collect();
            data.splice(i..i, bytes);
        }
        3 if len > 0 => {
            let i = rng.below(len);
            let n = (rng.below(16) + 1).min(len - i);
            data.drain(i..i + n);
        }
        4 if len > 0 => {
            // Copy a range elsewhere.
            let i = rng.below(len);
            let n = (rng.below(64) + 1).min(len - i);
            let chunk = data[i..i + n].to_vec();
            let at = rng.below(len + 1);
            data.splice(at..at, chunk);
        }
        5 | 6 if !dictionary.is_empty() => {
            let token = rng.pick(dictionary).to_vec();
            let i = rng.below(len + 1);
            if rng.chance(2) || len == 0 {
                data.splice(i..i, token);
            } else {
                let end = (i + token.len()).min(len);
                data.splice(i..end, token);
            }
        }
        7 if !pool.is_empty() => {
            let other = rng.pick(pool);
            let cut = rng.below(len + 1);
            let from = rng.below(other.len() + 1);
            data.truncate(cut);
            data.extend_from_slice(&other[from..]);
        }
        8 | 9 => {
            let c = *rng.pick(CHARS);
            let mut buf = [0u8; 4];
            let i = char_boundary(data, rng.below(len + 1));
            data.splice(i..i, c.encode_utf8(&mut buf).bytes());
        }
        10 if len > 0 => {
            // Repeat a chunk many times: long inputs find quadratic work and deep nesting.
            let i = rng.below(len);
            let n = (rng.below(8) + 1).min(len - i);
            let chunk = data[i..i + n].to_vec();
            let times = 1 + rng.below(max_len / n / 4 + 1).min(4096);
            let at = rng.below(len + 1);
            data.splice(at..at, chunk.iter().copied().cycle().take(n * times).collect::<Vec<u8>>());
        }
        11 => replace_number(rng, data),
        12 if len > 0 => data.truncate(rng.below(len)),
        _ => {
            let i = rng.below(len + 1);
            data.insert(i, rng.byte());
        }
    }
}

/// The nearest char boundary at or before `i` when `data` is UTF-8, else `i`.
fn char_boundary(data: &[u8], mut i: usize) -> usize {
    if std::str::from_utf8(data).is_ok() {
        while i > 0 && i < data.len() && (data[i] & 0xC0) == 0x80 {
            i -= 1;
        }
    }
    i
}

/// Replaces a run of digits (or inserts a number) with one at a type's edge.
fn replace_number(rng: &mut Rng, data: &mut Vec<u8>) {
    let number = rng.pick(NUMBERS).as_bytes().to_vec();
    let digits: Vec<usize> = data.iter().enumerate().filter(|(_, b)| b.is_ascii_digit()).map(|(i, _)| i).collect();
    if digits.is_empty() {
        let i = char_boundary(data, rng.below(data.len() + 1));
        data.splice(i..i, number);
        return;
    }
    let start = *rng.pick(&digits);
    let mut end = start;
    while end < data.len() && data[end].is_ascii_digit() {
        end += 1;
    }
    data.splice(start..end, number);
}

/// An edit of a JSON value's tree, or `None` when the input is no JSON.
fn mutate_json(rng: &mut Rng, input: &[u8], dictionary: &[&[u8]]) -> Option<Vec<u8>> {
    let mut value: Value = serde_json::from_slice(input).ok()?;
    let count = count_nodes(&value);
    let target = rng.below(count);
    let mut seen = 0;
    edit_node(rng, &mut value, target, &mut seen, dictionary);
    serde_json::to_vec(&value).ok()
}

fn count_nodes(v: &Value) -> usize {
    1 + match v {
        Value::Array(items) => items.iter().map(count_nodes).sum(),
        Value::Object(fields) => fields.values().map(count_nodes).sum(),
        _ => 0,
    }
}

fn edit_node(rng: &mut Rng, v: &mut Value, target: usize, seen: &mut usize, dictionary: &[&[u8]]) -> bool {
    if *seen == target {
        *v = replacement(rng, v, dictionary);
        return true;
    }
    *seen += 1;
    match v {
        Value::Array(items) => items.iter_mut().any(|item| edit_node(rng, item, target, seen, dictionary)),
        Value::Object(fields) => fields.values_mut().any(|item| edit_node(rng, item, target, seen, dictionary)),
        _ => false,
    }
}

fn replacement(rng: &mut Rng, old: &Value, dictionary: &[&[u8]]) -> Value {
    match rng.below(10) {
        0 => Value::Null,
        1 => Value::Bool(rng.chance(2)),
        2 => serde_json::from_str(rng.pick::<&str>(NUMBERS)).unwrap_or(Value::Null),
        3 => Value::Array(vec![old.clone(), old.clone()]),
        4 => {
            // Nest deeply.
            let mut v = old.clone();
            for _ in 0..rng.below(200) + 1 {
                v = Value::Array(vec![v]);
            }
            v
        }
        5 => match old {
            Value::Object(fields) if !fields.is_empty() => {
                let mut fields = fields.clone();
                let keys: Vec<String> = fields.keys().cloned().collect();
                fields.remove(rng.pick(&keys));
                Value::Object(fields)
            }
            Value::Array(items) if !items.is_empty() => Value::Array(items[1..].to_vec()),
            _ => Value::String(String::new()),
        },
        6 if !dictionary.is_empty() => {
            Value::String(String::from_utf8_lossy(rng.pick::<&[u8]>(dictionary)).into_owned())
        }
        7 => {
            let mut bytes = match old {
                Value::String(s) => s.clone().into_bytes(),
                other => other.to_string().into_bytes(),
            };
            mutate_bytes(rng, &mut bytes, dictionary, &[], 4096);
            Value::String(String::from_utf8_lossy(&bytes).into_owned())
        }
        8 => match old {
            Value::String(s) => Value::String(s.repeat(rng.below(300) + 2)),
            other => other.clone(),
        },
        _ => {
            let c = *rng.pick(CHARS);
            match old {
                Value::String(s) => {
                    let at = s.char_indices().map(|(i, _)| i).nth(rng.below(s.chars().count() + 1)).unwrap_or(s.len());
                    let mut s = s.clone();
                    s.insert(at, c);
                    Value::String(s)
                }
                _ => Value::String(c.to_string()),
            }
        }
    }
}

/// An edit of one part inside a zip archive, rewritten whole; `None` when the input is no
/// readable archive.
fn mutate_zip(rng: &mut Rng, input: &[u8], dictionary: &[&[u8]], max_len: usize) -> Option<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(input)).ok()?;
    let mut parts = Vec::with_capacity(archive.len());
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).ok()?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).ok()?;
        parts.push((file.name().ok()?.into_owned(), bytes));
    }
    if parts.is_empty() {
        return None;
    }
    // Mostly the sheets and shared strings, where the cells are.
    let xml: Vec<usize> = (0..parts.len()).filter(|&i| parts[i].0.ends_with(".xml")).collect();
    let i = if !xml.is_empty() && rng.chance(4) { *rng.pick(&xml) } else { rng.below(parts.len()) };
    match rng.below(8) {
        0 => {
            parts.remove(i);
        }
        1 => {
            let copy = parts[i].clone();
            parts.push(copy);
        }
        _ => {
            for _ in 0..rng.below(3) + 1 {
                mutate_bytes(rng, &mut parts[i].1, dictionary, &[], max_len);
            }
        }
    }
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        writer.start_file(name, options).ok()?;
        writer.write_all(&bytes).ok()?;
    }
    writer.finish().ok().map(Cursor::into_inner)
}
