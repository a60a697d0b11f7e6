//! Strict JSON bodies: what the OpenAPI document says a body is, the server accepts, and
//! nothing else.
//!
//! A body's shape is read from the same `utoipa::ToSchema` derive that writes the document
//! (once per type, as JSON Schema), and a body is checked against it before it is turned into
//! the handler's type: it must be an object (an array is never mapped onto fields by
//! position), name no field the schema does not (a misspelt field, or one that cannot be
//! changed such as a case's `district` in a PATCH, is refused by name instead of ignored), hold
//! every required field, and give each value the type, choices, length and range the schema
//! says. The document marks every request body `additionalProperties: false` ([`tighten`]), so
//! that it says the same.
//!
//! A new endpoint gets all of this by taking `JsonBody<T>` with `T: Deserialize + ToSchema`
//! and naming `T` as its `request_body`; `#[schema(...)]` attributes on `T`'s fields (lengths,
//! ranges, `schema_with` for choices) tighten both the document and the check at once.

use std::any::TypeId;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use serde_json::{Map, Value};
use utoipa::ToSchema;

/// A type's schema as JSON, with the schemas it refers to.
pub struct Shape {
    root: Value,
    refs: HashMap<String, Value>,
}

/// One thing wrong with a body: the field (a path such as `identifiers[0].value`) and a code.
pub type Problem = (String, &'static str);

static SHAPES: LazyLock<Mutex<HashMap<TypeId, Arc<Shape>>>> = LazyLock::new(Default::default);

/// The shape of `T`, read once.
pub fn shape<T: ToSchema + 'static>() -> Arc<Shape> {
    let id = TypeId::of::<T>();
    if let Some(s) = SHAPES.lock().ok().and_then(|m| m.get(&id).cloned()) {
        return s;
    }
    let mut named = Vec::new();
    T::schemas(&mut named);
    let shape = Arc::new(Shape {
        root: serde_json::to_value(T::schema()).unwrap_or(Value::Null),
        refs: named
            .into_iter()
            .map(|(name, schema)| (name, serde_json::to_value(schema).unwrap_or(Value::Null)))
            .collect(),
    });
    if let Ok(mut m) = SHAPES.lock() {
        m.insert(id, shape.clone());
    }
    shape
}

/// The query parameters a type declares (`utoipa::IntoParams`): name, whether required, and
/// the schema as JSON (read once per type).
pub struct Params(Vec<(String, bool, Value)>);

/// The parameters of `T`, read once.
pub fn params<T: utoipa::IntoParams + 'static>() -> Arc<Params> {
    static PARAMS: LazyLock<Mutex<HashMap<TypeId, Arc<Params>>>> = LazyLock::new(Default::default);
    let id = TypeId::of::<T>();
    if let Some(p) = PARAMS.lock().ok().and_then(|m| m.get(&id).cloned()) {
        return p;
    }
    let list = T::into_params(|| Some(utoipa::openapi::path::ParameterIn::Query))
        .into_iter()
        .filter_map(|p| serde_json::to_value(p).ok())
        .map(|p| {
            let name = p["name"].as_str().unwrap_or_default().to_owned();
            (name, p["required"].as_bool().unwrap_or(false), p.get("schema").cloned().unwrap_or(Value::Null))
        })
        .collect();
    let params = Arc::new(Params(list));
    if let Ok(mut m) = PARAMS.lock() {
        m.insert(id, params.clone());
    }
    params
}

/// Everything wrong with a query string's `pairs` against the declared parameters: each value
/// read as the type its schema names (`limit=abc` is not an integer) and then checked like a
/// body's field. Parameters the type does not declare (`lang`) are not its business.
pub fn check_query(pairs: &[(String, String)], params: &Params) -> Vec<Problem> {
    let mut out = Vec::new();
    let shape = Shape { root: Value::Null, refs: HashMap::new() };
    for (name, required, schema) in &params.0 {
        let mut sent = pairs.iter().filter(|(k, _)| k == name).map(|(_, v)| v).peekable();
        if sent.peek().is_none() && *required {
            out.push((name.clone(), "error-required"));
        }
        for raw in sent {
            let value = typed(raw, schema.get("type"));
            walk(&value, schema, &shape, name, &mut out, 0);
        }
    }
    out
}

/// A query string's text as the JSON value its schema's type asks for (left as text when it
/// is not one, so the check names it).
fn typed(raw: &str, ty: Option<&Value>) -> Value {
    let names: Vec<&str> = match ty {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    if names.contains(&"integer")
        && let Ok(n) = raw.parse::<i64>()
    {
        return Value::from(n);
    }
    if names.contains(&"number")
        && let Some(n) = raw.parse::<f64>().ok().and_then(serde_json::Number::from_f64)
    {
        return Value::Number(n);
    }
    if names.contains(&"boolean") && matches!(raw, "true" | "false") {
        return Value::Bool(raw == "true");
    }
    Value::String(raw.to_owned())
}

/// Everything wrong with `body` against `shape` (empty: it fits).
pub fn check(body: &Value, shape: &Shape) -> Vec<Problem> {
    let mut out = Vec::new();
    walk(body, &shape.root, shape, "", &mut out, 0);
    out
}

/// Whether any string (or key) in `value` holds a NUL: no person types one, and PostgreSQL
/// cannot store it in text.
pub fn has_nul(value: &Value) -> bool {
    match value {
        Value::String(s) => s.contains('\0'),
        Value::Array(items) => items.iter().any(has_nul),
        Value::Object(map) => map.iter().any(|(k, v)| k.contains('\0') || has_nul(v)),
        _ => false,
    }
}

/// Writes whole numbers sent as `5.0` as `5`: JSON does not tell them apart, and the schema's
/// `integer` takes both, while Rust's integer fields take only the first.
pub fn whole_numbers(value: &mut Value) {
    match value {
        Value::Number(n) if !(n.is_i64() || n.is_u64()) => {
            if let Some(f) = n.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15) {
                *value = Value::from(f as i64);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(whole_numbers),
        Value::Object(map) => map.values_mut().for_each(whole_numbers),
        _ => {}
    }
}

/// Nesting followed at most (the schemas are a few levels deep; a loop of references is not).
const MAX_DEPTH: usize = 32;

fn walk(value: &Value, schema: &Value, shape: &Shape, at: &str, out: &mut Vec<Problem>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    let Some(schema) = schema.as_object() else { return };
    if let Some(target) = schema.get("$ref").and_then(Value::as_str) {
        let name = target.rsplit('/').next().unwrap_or_default();
        if let Some(resolved) = shape.refs.get(name) {
            walk(value, resolved, shape, at, out, depth + 1);
        }
        return;
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(options) = schema.get(key).and_then(Value::as_array) {
            // The first option the value fits; else what is wrong against the first that is
            // not just `null`.
            let mut first = None;
            for option in options {
                let mut found = Vec::new();
                walk(value, option, shape, at, &mut found, depth + 1);
                if found.is_empty() {
                    return;
                }
                if first.is_none() && option.get("type").and_then(Value::as_str) != Some("null") {
                    first = Some(found);
                }
            }
            out.extend(first.unwrap_or_else(|| vec![(field(at), "error-field-type")]));
            return;
        }
    }
    if let Some(parts) = schema.get("allOf").and_then(Value::as_array) {
        for part in parts {
            walk(value, part, shape, at, out, depth + 1);
        }
        return;
    }
    if !type_fits(value, schema.get("type")) {
        out.push((field(at), "error-field-type"));
        return;
    }
    if let Some(choices) = schema.get("enum").and_then(Value::as_array)
        && !choices.contains(value)
    {
        // Nothing chosen is a missing answer, as the forms say it.
        out.push((field(at), if blank(value) { "error-required" } else { "error-choice" }));
        return;
    }
    match value {
        Value::Object(map) => object(map, schema, shape, at, out, depth),
        Value::Array(items) => {
            let count = items.len() as u64;
            if schema.get("maxItems").and_then(Value::as_u64).is_some_and(|max| count > max) {
                out.push((field(at), "error-too-long"));
            }
            if schema.get("minItems").and_then(Value::as_u64).is_some_and(|min| count < min) {
                out.push((field(at), "error-required"));
            }
            if let Some(item) = schema.get("items") {
                for (i, v) in items.iter().enumerate() {
                    walk(v, item, shape, &format!("{at}[{i}]"), out, depth + 1);
                }
            }
        }
        Value::String(s) => {
            let chars = s.chars().count() as u64;
            if schema.get("maxLength").and_then(Value::as_u64).is_some_and(|max| chars > max) {
                out.push((field(at), "error-too-long"));
            } else if schema.get("minLength").and_then(Value::as_u64).is_some_and(|min| chars < min) {
                out.push((field(at), "error-required"));
            } else if let Some(pattern) = schema.get("pattern").and_then(Value::as_str)
                && !matches(pattern, s)
            {
                let key = named(pattern).map_or("error-format", |(_, key)| key);
                out.push((field(at), if blank(value) { "error-required" } else { key }));
            }
        }
        Value::Number(n) => {
            let n = n.as_f64().unwrap_or(f64::NAN);
            let below = schema.get("minimum").and_then(Value::as_f64).is_some_and(|min| n < min)
                || schema.get("exclusiveMinimum").and_then(Value::as_f64).is_some_and(|min| n <= min);
            let above = schema.get("maximum").and_then(Value::as_f64).is_some_and(|max| n > max)
                || schema.get("exclusiveMaximum").and_then(Value::as_f64).is_some_and(|max| n >= max);
            if below || above || n.is_nan() {
                out.push((field(at), "error-range"));
            }
        }
        Value::Bool(_) | Value::Null => {}
    }
}

fn object(
    map: &Map<String, Value>,
    schema: &Map<String, Value>,
    shape: &Shape,
    at: &str,
    out: &mut Vec<Problem>,
    depth: usize,
) {
    let properties = schema.get("properties").and_then(Value::as_object);
    let extra = schema.get("additionalProperties");
    for (name, v) in map {
        let path = if at.is_empty() { name.clone() } else { format!("{at}.{name}") };
        match (properties.and_then(|p| p.get(name)), extra) {
            (Some(property), _) => walk(v, property, shape, &path, out, depth + 1),
            // A map (`{"question_id": option}`): every value of the declared schema.
            (None, Some(Value::Object(values))) => {
                walk(v, &Value::Object(values.clone()), shape, &path, out, depth + 1)
            }
            (None, Some(Value::Bool(true))) => {}
            // Not named by the schema: refused, whether misspelt or not changeable here.
            (None, _) => out.push((path, "error-field-unknown")),
        }
    }
    for name in schema.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
        if !map.contains_key(name) {
            out.push((if at.is_empty() { name.to_owned() } else { format!("{at}.{name}") }, "error-required"));
        }
    }
}

/// A named pattern (`#[schema(pattern = "@text")]`): the regular expression it stands for (see
/// `api::schema`) and the catalog key that says what to write instead. Derive attributes take
/// only literals, so the patterns used in several places are named once, with their message.
pub fn named(pattern: &str) -> Option<(&'static str, &'static str)> {
    use super::schema as s;
    Some(match pattern {
        "@text" => (s::TEXT, "error-required"),
        "@day" => (s::DAY, "error-date"),
        "@month" => (s::MONTH, "error-month"),
        "@when" => (s::WHEN, "error-datetime"),
        "@when?" => (s::WHEN_OR_EMPTY, "error-datetime"),
        "@district" => (s::DISTRICT_CODE, "error-choice"),
        "@phone" => (s::PHONE, "dir-error-phone"),
        "@email" => (s::EMAIL, "dir-error-email"),
        "@contact-phone" => (s::CONTACT_PHONE, "error-awareness-phone"),
        "@contact-email" => (s::CONTACT_EMAIL, "error-awareness-email"),
        "@new-district" => (s::NEW_DISTRICT, "dir-error-code"),
        "@prefix" => (s::PREFIX, "dir-error-prefix"),
        "@layer" => (s::LAYER, "trail-error-layer"),
        "@username" => (s::USERNAME, "error-staff-username"),
        _ => return None,
    })
}

/// A pattern as the regular expression it is (named ones written out).
pub fn expand(pattern: &str) -> &str {
    named(pattern).map_or(pattern, |(regex, _)| regex)
}

/// Whether `s` matches a schema's `pattern` (compiled once; an unusable pattern matches
/// nothing, so a mistake in a schema shows at once).
fn matches(pattern: &str, s: &str) -> bool {
    static COMPILED: LazyLock<Mutex<HashMap<String, Option<regex::Regex>>>> = LazyLock::new(Default::default);
    let Ok(mut cache) = COMPILED.lock() else { return false };
    cache
        .entry(pattern.to_owned())
        .or_insert_with(|| regex::Regex::new(expand(pattern)).ok())
        .as_ref()
        .is_some_and(|re| re.is_match(s))
}

/// A text with nothing in it but white space and control characters (what `clean_text` leaves
/// empty).
fn blank(value: &Value) -> bool {
    value.as_str().is_some_and(|s| s.chars().all(|c| c.is_whitespace() || c.is_control()))
}

/// Whether `value` is of the schema's `type` (one name or a list; none: anything).
fn type_fits(value: &Value, ty: Option<&Value>) -> bool {
    let fits = |t: &str| match t {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        "integer" => value.is_i64() || value.is_u64() || value.as_f64().is_some_and(|f| f.fract() == 0.0),
        "number" => value.is_number(),
        _ => true,
    };
    match ty {
        None => true,
        Some(Value::String(t)) => fits(t),
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(fits),
        Some(_) => true,
    }
}

/// The name of a field in a problem: the body itself has none.
fn field(at: &str) -> String {
    if at.is_empty() { "body".to_owned() } else { at.to_owned() }
}

/// Makes the document say what [`check`], [`check_query`] and the NUL check do: every schema a
/// request body refers to is closed (`additionalProperties: false` where it says nothing);
/// every string a client sends that has no pattern of its own may not hold a NUL; named
/// patterns are written out; and every operation that reads a JSON body or query parameters
/// lists the answers they can bring (400, 415, 422). Works on the document as JSON (served by
/// `api::document`), so nothing is lost in utoipa's types.
pub fn tighten(doc: &mut Value) {
    expand_all(doc);
    let mut names = Vec::new();
    for item in doc.get("paths").and_then(Value::as_object).into_iter().flat_map(|p| p.values()) {
        for op in item.as_object().into_iter().flat_map(|i| i.values()) {
            for media in ["application~1json", "multipart~1form-data"] {
                if let Some(schema) = op.pointer(&format!("/requestBody/content/{media}/schema")) {
                    collect_refs(schema, doc, &mut names);
                }
            }
        }
    }
    for name in names {
        if let Some(schema) = doc.pointer_mut(&format!("/components/schemas/{name}")) {
            close(schema);
            no_nul(schema);
        }
    }
    let problem = serde_json::json!({"description": "See the problem's `errors`",
        "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}});
    for item in doc.get_mut("paths").and_then(Value::as_object_mut).into_iter().flat_map(|p| p.values_mut()) {
        for op in item.as_object_mut().into_iter().flat_map(|i| i.values_mut()) {
            let json_body = op.pointer("/requestBody/content/application~1json").is_some();
            for media in ["application~1json", "multipart~1form-data"] {
                if let Some(inline) = op.pointer_mut(&format!("/requestBody/content/{media}/schema")) {
                    close(inline);
                    no_nul(inline);
                }
            }
            let mut answers: Vec<&str> = Vec::new();
            if json_body {
                answers.extend(["400", "415", "422"]);
            }
            for param in op.get_mut("parameters").and_then(Value::as_array_mut).into_iter().flatten() {
                if param["in"] == "query" {
                    answers.extend(["400", "422"]);
                }
                if let Some(schema) = param.get_mut("schema") {
                    no_nul(schema);
                }
            }
            if let Some(responses) = op.get_mut("responses").and_then(Value::as_object_mut) {
                for status in answers {
                    responses.entry(status).or_insert_with(|| problem.clone());
                }
            }
        }
    }
}

/// Writes out every named pattern in the document (responses share some schemas).
fn expand_all(v: &mut Value) {
    match v {
        Value::Object(map) => {
            if let Some(Value::String(p)) = map.get_mut("pattern") {
                *p = expand(p).to_owned();
            }
            map.values_mut().for_each(expand_all);
        }
        Value::Array(items) => items.iter_mut().for_each(expand_all),
        _ => {}
    }
}

/// No NUL (PostgreSQL cannot store it; no person types one): refused with a 400.
pub const NO_NUL: &str = "^[^\\x00]*$";

/// Adds [`NO_NUL`] to every string schema in `schema` without an `enum`, a `pattern` or a
/// `format` (a choice or a pattern excludes NUL already), and to the keys of maps; writes named
/// patterns out ([`expand`]) and drops serde's defaults.
fn no_nul(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            if let Some(Value::String(p)) = map.get_mut("pattern") {
                *p = expand(p).to_owned();
            }
            // `#[serde(default)]` shows as a `default` of the Rust type's own (an empty text
            // for a number sent as text), which is no value a client should copy.
            map.remove("default");
            let is_string = match map.get("type") {
                Some(Value::String(t)) => t == "string",
                Some(Value::Array(ts)) => ts.iter().any(|t| t == "string"),
                _ => false,
            };
            let free = !["enum", "pattern", "format", "$ref"].iter().any(|k| map.contains_key(*k));
            if is_string && free {
                map.insert("pattern".into(), Value::String(NO_NUL.into()));
            }
            if matches!(map.get("additionalProperties"), Some(Value::Object(_))) && !map.contains_key("propertyNames") {
                map.insert("propertyNames".into(), serde_json::json!({"pattern": NO_NUL}));
            }
            for v in map.values_mut() {
                no_nul(v);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(no_nul),
        _ => {}
    }
}

/// Writes the district codes in as the choices of every district field and parameter (those
/// with the `@district` pattern, and the `{code}` of a district's paths).
pub fn name_districts(doc: &mut Value, codes: &[String]) {
    fn walk(v: &mut Value, codes: &[String]) {
        match v {
            Value::Object(map) => {
                if map.get("pattern").and_then(Value::as_str) == Some(super::schema::DISTRICT_CODE) {
                    map.remove("pattern");
                    let nullable =
                        map.get("type").and_then(Value::as_array).is_some_and(|t| t.iter().any(|t| t == "null"));
                    let mut choices: Vec<Value> = codes.iter().map(|c| Value::String(c.clone())).collect();
                    if nullable {
                        choices.push(Value::Null);
                    }
                    map.insert("enum".into(), Value::Array(choices));
                }
                map.values_mut().for_each(|v| walk(v, codes));
            }
            Value::Array(items) => items.iter_mut().for_each(|v| walk(v, codes)),
            _ => {}
        }
    }
    walk(doc, codes);
    for (path, item) in doc.get_mut("paths").and_then(Value::as_object_mut).into_iter().flat_map(|p| p.iter_mut()) {
        if !path.starts_with("/api/v1/districts/{code}") {
            continue;
        }
        for op in item.as_object_mut().into_iter().flat_map(|i| i.values_mut()) {
            for param in op.get_mut("parameters").and_then(Value::as_array_mut).into_iter().flatten() {
                if param["in"] == "path" && param["name"] == "code" {
                    param["schema"] = serde_json::json!({"type": "string", "enum": codes});
                }
            }
        }
    }
}

/// The names of the component schemas `schema` refers to, directly or through others.
fn collect_refs(schema: &Value, doc: &Value, names: &mut Vec<String>) {
    match schema {
        Value::Object(map) => {
            if let Some(name) = map.get("$ref").and_then(Value::as_str).and_then(|r| r.rsplit('/').next())
                && !names.iter().any(|n| n == name)
            {
                names.push(name.to_owned());
                if let Some(target) = doc.pointer(&format!("/components/schemas/{name}")) {
                    collect_refs(target, doc, names);
                }
            }
            for v in map.values() {
                collect_refs(v, doc, names);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_refs(v, doc, names)),
        _ => {}
    }
}

/// `additionalProperties: false` on an object schema that has properties and says nothing of
/// others, and on the object schemas inside it.
fn close(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            if map.contains_key("properties") && !map.contains_key("additionalProperties") {
                map.insert("additionalProperties".into(), Value::Bool(false));
            }
            for (key, v) in map.iter_mut() {
                // A map's value schema stays as declared.
                if key != "additionalProperties" {
                    close(v);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(close),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[allow(dead_code)]
    #[derive(serde::Deserialize, ToSchema)]
    struct Item {
        #[schema(max_length = 5)]
        value: String,
        kind: Option<String>,
    }

    #[allow(dead_code)]
    #[derive(serde::Deserialize, ToSchema)]
    struct Body {
        #[schema(min_length = 1)]
        name: String,
        #[schema(minimum = 1, maximum = 5)]
        rating: Option<i64>,
        items: Vec<Item>,
        answers: std::collections::BTreeMap<String, usize>,
    }

    fn problems(v: Value) -> Vec<(String, &'static str)> {
        check(&v, &shape::<Body>())
    }

    #[test]
    fn bodies_are_checked_against_the_documented_shape() {
        assert!(problems(json!({"name": "x", "items": [], "answers": {}})).is_empty());
        assert_eq!(problems(json!([null, "X"])), [("body".to_owned(), "error-field-type")]);
        let mut found =
            problems(json!({"name": "x", "items": [{"value": "toolong", "kinds": 1}], "answers": {}, "district": "x"}));
        found.sort();
        let expected = [
            ("district", "error-field-unknown"),
            ("items[0].kinds", "error-field-unknown"),
            ("items[0].value", "error-too-long"),
        ];
        assert_eq!(found, expected.map(|(f, c)| (f.to_owned(), c)));
        assert_eq!(problems(json!({"items": [], "answers": {}})), [("name".to_owned(), "error-required")]);
        assert_eq!(problems(json!({"name": "", "items": [], "answers": {}})), [("name".to_owned(), "error-required")]);
        assert_eq!(
            problems(json!({"name": "x", "rating": 9, "items": [], "answers": {"q1": "two"}})),
            [("answers.q1".to_owned(), "error-field-type"), ("rating".to_owned(), "error-range")]
        );
        assert!(problems(json!({"name": "x", "rating": null, "items": [], "answers": {"q1": 2}})).is_empty());
    }
}
