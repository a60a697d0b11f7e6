//! OpenAPI schemas for fields that take one of a closed set of codes, generated from the
//! same lists the server validates against, so the document cannot drift from the code.

use sahayak_domain::case::{Channel, ClosureReason, Gender, Lang, MoneyLeft, PaymentChannel, ScamPattern, Status};
use sahayak_domain::taxonomy::{OTHER, Taxonomy};
use serde_json::Value;
use utoipa::openapi::schema::{Object, ObjectBuilder, SchemaType, Type};

use crate::cases::views::Coded;

fn one_of(values: Vec<Value>, optional: bool) -> Object {
    let (kind, values) = if optional {
        let mut v = values;
        v.push(Value::String(String::new()));
        v.push(Value::Null);
        (SchemaType::Array(vec![Type::String, Type::Null]), v)
    } else {
        (SchemaType::Type(Type::String), values)
    };
    ObjectBuilder::new().schema_type(kind).enum_values(Some(values)).build()
}

fn codes<T: Coded>(optional: bool) -> Object {
    one_of(T::all().iter().map(|v| Value::String(v.code().into())).collect(), optional)
}

pub fn channel() -> Object {
    codes::<Channel>(false)
}
pub fn channel_in() -> Object {
    codes::<Channel>(true)
}
pub fn lang() -> Object {
    codes::<Lang>(false)
}
pub fn lang_in() -> Object {
    codes::<Lang>(true)
}
pub fn gender() -> Object {
    codes::<Gender>(true)
}
pub fn scam_pattern() -> Object {
    codes::<ScamPattern>(false)
}
pub fn scam_pattern_in() -> Object {
    codes::<ScamPattern>(true)
}
pub fn payment_channel() -> Object {
    codes::<PaymentChannel>(true)
}
pub fn money_left() -> Object {
    codes::<MoneyLeft>(true)
}
pub fn status() -> Object {
    codes::<Status>(false)
}
/// The kinds of document (`portal-complaint`, ...).
pub fn document_kind() -> Object {
    one_of(sahayak_documents::Kind::ALL.iter().map(|k| Value::String(k.code().into())).collect(), false)
}

pub fn closure_reason() -> Object {
    codes::<ClosureReason>(true)
}

/// The current taxonomy's categories and `Other` (required).
pub fn category() -> Object {
    let mut v: Vec<Value> = Taxonomy::current().categories().map(|(_, c)| Value::String(c.name.clone())).collect();
    v.push(Value::String(OTHER.into()));
    one_of(v, false)
}

/// The current taxonomy's categories and `Other`.
pub fn category_in() -> Object {
    let mut v: Vec<Value> = Taxonomy::current().categories().map(|(_, c)| Value::String(c.name.clone())).collect();
    v.push(Value::String(OTHER.into()));
    one_of(v, true)
}

/// Every sub-category of the current taxonomy and `Other`.
pub fn sub_category_in() -> Object {
    let mut v: Vec<Value> = Taxonomy::current()
        .categories()
        .flat_map(|(_, c)| c.sub_categories.iter().map(|s| Value::String(s.clone())))
        .collect();
    v.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
    v.dedup();
    v.push(Value::String(OTHER.into()));
    one_of(v, true)
}

/// Text that must say something: at least one character that is neither white space nor a
/// control character (what `clean_text` keeps), and no NUL. Both the server's check (`regex`)
/// and the test generators (Python's `re`) read it alike: the two differ in white space only
/// among the control characters, which it excludes anyway.
pub const TEXT: &str = r"^[^\x00]*[^\s\x00-\x1f\x7f-\x9f][^\x00]*$";

/// A calendar day `YYYY-MM-DD` of this century that exists (leap days included).
pub const DAY: &str = r"^(20[0-9]{2}-((01|03|05|07|08|10|12)-(0[1-9]|[12][0-9]|3[01])|(04|06|09|11)-(0[1-9]|[12][0-9]|30)|02-(0[1-9]|1[0-9]|2[0-8]))|20(0[48]|[2468][048]|[13579][26])-02-29)$";

/// A time as the API takes it: IST local `YYYY-MM-DDTHH:MM`, or RFC 3339 with seconds and a
/// zone (`2026-03-12T10:45:00+05:30`, `...Z`); the day as in [`DAY`].
pub const WHEN: &str = r"^(20[0-9]{2}-((01|03|05|07|08|10|12)-(0[1-9]|[12][0-9]|3[01])|(04|06|09|11)-(0[1-9]|[12][0-9]|30)|02-(0[1-9]|1[0-9]|2[0-8]))|20(0[48]|[2468][048]|[13579][26])-02-29)T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,9})?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9]))?$";

/// [`WHEN`], or nothing (now, or not known).
pub const WHEN_OR_EMPTY: &str = r"^$|^(20[0-9]{2}-((01|03|05|07|08|10|12)-(0[1-9]|[12][0-9]|3[01])|(04|06|09|11)-(0[1-9]|[12][0-9]|30)|02-(0[1-9]|1[0-9]|2[0-8]))|20(0[48]|[2468][048]|[13579][26])-02-29)T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,9})?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9]))?$";

/// A month `YYYY-MM` of this century.
pub const MONTH: &str = r"^20[0-9]{2}-(0[1-9]|1[0-2])$";

/// A district's code: lower-case letters, digits and `-`.
pub const DISTRICT_CODE: &str = r"^[a-z0-9-]{1,40}$";

/// A choice among `values` (a required one: no empty string, no null).
pub fn choice(values: &[&str]) -> Object {
    one_of(values.iter().map(|v| Value::String((*v).into())).collect(), false)
}

/// A choice among `values`, or `""` for none (a text field: never null).
pub fn choice_or_empty(values: &[&str]) -> Object {
    let mut v: Vec<Value> = values.iter().map(|v| Value::String((*v).into())).collect();
    v.push(Value::String(String::new()));
    one_of(v, false)
}

/// A choice among `values`, or `""`/null for none.
pub fn choice_or_none(values: &[&str]) -> Object {
    one_of(values.iter().map(|v| Value::String((*v).into())).collect(), true)
}

/// A phone number as the directory keeps it: digits with spaces, `+ - ( ) / ,`; 3 to 30 digits,
/// up to 40 characters (or nothing).
pub const PHONE: &str = r"^$|^(?:[ +\-()/,]*[0-9]){3,30}[ +\-()/,]*$";

/// An e-mail address (or nothing): something, `@`, a host with a dot; no spaces.
pub const EMAIL: &str = r"^$|^[^@\s\x00-\x1f\x7f-\x9f]+@[^\s\x00-\x1f\x7f-\x9f]*\.[^\s\x00-\x1f\x7f-\x9f]*$";

/// A phone number of an institution's contact (or nothing): digits with spaces, `+ - ( )`, 6 to
/// 15 digits.
pub const CONTACT_PHONE: &str = r"^$|^(?:[ +\-()]*[0-9]){6,15}[ +\-()]*$";

/// An institution contact's e-mail (or nothing): something, `@`, a host that does not start
/// with a dot and has one; no spaces.
pub const CONTACT_EMAIL: &str =
    r"^$|^[^@\s\x00-\x1f\x7f-\x9f]+@[^.\s\x00-\x1f\x7f-\x9f][^\s\x00-\x1f\x7f-\x9f]*\.[^\s\x00-\x1f\x7f-\x9f]*$";

/// A new district's code: a small letter, then small letters, digits and `-` (2 to 40).
pub const NEW_DISTRICT: &str = r"^[a-z][a-z0-9-]{1,39}$";

/// A district's reference prefix: two to five capital letters.
pub const PREFIX: &str = r"^[A-Z]{2,5}$";

/// A new sign-in name: 2 to 64 letters, digits, `.`, `_` or `-`, starting with a letter or digit
/// (kept in small letters).
pub const USERNAME: &str = r"^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$";

/// A layer of the money trail: 0 (the victim's own debit) to 50.
pub const LAYER: &str = r"^(0|[1-9]|[1-4][0-9]|50)$";

/// A whole number from `min` to `max` sent as a number or as its digits in a text (forms send
/// text), or nothing (`""` or null).
pub fn number_or_digits(min: i64, max: i64) -> utoipa::openapi::schema::Schema {
    use utoipa::openapi::schema::OneOfBuilder;
    let number = ObjectBuilder::new().schema_type(Type::Integer).minimum(Some(min)).maximum(Some(max));
    let digits: Vec<Value> = std::iter::once(String::new())
        .chain((min..=max.min(min + 9)).map(|n| n.to_string()))
        .map(Value::String)
        .collect();
    let text = if max - min < 10 {
        ObjectBuilder::new().schema_type(Type::String).enum_values(Some(digits))
    } else {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some(format!("^$|^(0|[1-9][0-9]{{0,{}}})$", max.to_string().len() - 1)))
    };
    OneOfBuilder::new().item(number).item(text).item(ObjectBuilder::new().schema_type(Type::Null)).build().into()
}
