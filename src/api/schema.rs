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
