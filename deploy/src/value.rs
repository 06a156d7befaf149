//! Decoded contract return values, the same on every backend.
//!
//! Both backends decode a message's return data with `contract-transcode` from the bundle's
//! metadata. cargo-contract prints that value as JSON (`--output-json`); the sandbox backend
//! serialises it the same way. [`Val`] reads that JSON back, keeping `u128` amounts exact.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;

/// A decoded value (the serde shape of `contract_transcode::Value`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub enum Val {
    /// `bool`.
    Bool(bool),
    /// `char`.
    Char(char),
    /// Any unsigned integer.
    UInt(u128),
    /// Any signed integer.
    Int(i128),
    /// A struct with named fields (field order is not kept).
    Map(BTreeMap<String, Val>),
    /// An enum variant (`ident` is its name) or a tuple (no `ident`).
    Tuple(Tuple),
    /// A string.
    String(String),
    /// A sequence.
    Seq(Seq),
    /// Bytes, as hex without `0x`.
    Hex(Hex),
    /// A literal, such as an SS58 address.
    Literal(String),
    /// `()`.
    Unit,
}

/// An enum variant or a tuple.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Tuple {
    /// The variant's name, if an enum variant.
    pub ident: Option<String>,
    /// Its fields.
    pub values: Vec<Val>,
}

/// A sequence.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Seq {
    /// Its elements.
    pub elems: Vec<Val>,
}

/// Hex bytes.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Hex {
    /// Hex digits, without `0x`.
    pub s: String,
}

impl Val {
    /// Parses the JSON form printed by cargo-contract's `--output-json`.
    pub fn from_json(json: &serde_json::Value) -> Result<Self, String> {
        Val::deserialize(json).map_err(|e| format!("unexpected value shape {json}: {e}"))
    }

    /// The variant name and fields, if this is an enum variant.
    pub fn variant(&self) -> Option<(&str, &[Val])> {
        match self {
            Val::Tuple(Tuple { ident: Some(name), values }) => Some((name.as_str(), values.as_slice())),
            Val::Literal(name) => Some((name.as_str(), &[])),
            _ => None,
        }
    }

    /// Unwraps the outer `Result<_, LangError>` of every ink! message and, for fallible
    /// messages, the message's own `Result`: `Ok(Ok(x))` and `Ok(x)` give `x`; an `Err` gives
    /// its rendering.
    pub fn into_ok(self) -> Result<Val, String> {
        let mut value = self;
        for _ in 0..2 {
            match value.variant() {
                Some(("Ok", [inner])) => value = inner.clone(),
                Some(("Ok", [])) => value = Val::Unit,
                Some(("Err", _)) => return Err(value.to_string()),
                _ => return Ok(value),
            }
        }
        Ok(value)
    }

    /// What a failed call returned: the `Err` inside, or the whole value.
    pub fn error_text(self) -> String {
        let text = self.to_string();
        self.into_ok().err().unwrap_or(text)
    }

    /// A call's decoded return: its `Ok` value, or the error text if the contract reverted or
    /// returned `Err`.
    pub fn into_result(self, reverted: bool) -> Result<Val, String> {
        if reverted {
            Err(self.error_text())
        } else {
            self.into_ok()
        }
    }

    /// The value as an unsigned integer.
    pub fn as_u128(&self) -> Option<u128> {
        match self {
            Val::UInt(n) => Some(*n),
            _ => None,
        }
    }

    /// A struct field.
    pub fn field(&self, name: &str) -> Option<&Val> {
        match self {
            Val::Map(fields) => fields.get(name),
            _ => None,
        }
    }

    /// The `(role, holder)` pairs of a `Roles::roles` reply (a sequence of `(Role, AccountId)`),
    /// as variant names and SS58 addresses.
    pub fn role_holders(&self) -> Vec<(String, String)> {
        let Val::Seq(seq) = self else { return Vec::new() };
        seq.elems
            .iter()
            .filter_map(|pair| match pair {
                Val::Tuple(Tuple { ident: None, values }) => match values.as_slice() {
                    [role, Val::Literal(holder)] => role.variant().map(|(name, _)| (name.to_string(), holder.clone())),
                    _ => None,
                },
                _ => None,
            })
            .collect()
    }

    /// Every SS58 address in the value, in order (a `Some(address)`, a tuple of addresses…).
    pub fn addresses(&self) -> Vec<String> {
        let mut out = Vec::new();
        self.collect_addresses(&mut out);
        out
    }

    fn collect_addresses(&self, out: &mut Vec<String>) {
        match self {
            Val::Literal(s) if crate::accounts::is_address(s) => out.push(s.clone()),
            Val::Tuple(t) => t.values.iter().for_each(|v| v.collect_addresses(out)),
            Val::Seq(s) => s.elems.iter().for_each(|v| v.collect_addresses(out)),
            Val::Map(m) => m.values().for_each(|v| v.collect_addresses(out)),
            _ => {}
        }
    }
}

impl fmt::Display for Val {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn list(f: &mut fmt::Formatter<'_>, items: &[Val]) -> fmt::Result {
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    write!(f, ", ")?;
                }
                write!(f, "{v}")?;
            }
            Ok(())
        }
        match self {
            Val::Bool(b) => write!(f, "{b}"),
            Val::Char(c) => write!(f, "{c:?}"),
            Val::UInt(n) => write!(f, "{n}"),
            Val::Int(n) => write!(f, "{n}"),
            Val::Map(m) => {
                write!(f, "{{ ")?;
                for (i, (k, v)) in m.iter().enumerate() {
                    if i > 0 {
                        write!(f, ", ")?;
                    }
                    write!(f, "{k}: {v}")?;
                }
                write!(f, " }}")
            }
            Val::Tuple(Tuple { ident, values }) => {
                if let Some(name) = ident {
                    write!(f, "{name}")?;
                    if values.is_empty() {
                        return Ok(());
                    }
                }
                write!(f, "(")?;
                list(f, values)?;
                write!(f, ")")
            }
            Val::String(s) => write!(f, "{s:?}"),
            Val::Seq(s) => {
                write!(f, "[")?;
                list(f, &s.elems)?;
                write!(f, "]")
            }
            Val::Hex(h) => write!(f, "0x{}", h.s),
            Val::Literal(s) => write!(f, "{s}"),
            Val::Unit => write!(f, "()"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Val {
        Val::from_json(&serde_json::from_str(json).expect("json")).expect("val")
    }

    #[test]
    fn big_amounts_stay_exact() {
        let v = parse(r#"{"Tuple":{"ident":"Ok","values":[{"UInt":340282366920938463463374607431768211455}]}}"#);
        assert_eq!(v.into_ok().ok().and_then(|v| v.as_u128()), Some(u128::MAX));
    }

    #[test]
    fn message_errors_are_rendered() {
        let v = parse(r#"{"Tuple":{"ident":"Ok","values":[{"Tuple":{"ident":"Err","values":[{"Tuple":{"ident":"Unauthorized","values":[]}}]}}]}}"#);
        assert_eq!(v.into_ok(), Err(String::from("Err(Unauthorized)")));
    }

    #[test]
    fn role_holders_are_read_as_names_and_addresses() {
        let a = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
        let json = format!(
            r#"{{"Seq":{{"elems":[{{"Tuple":{{"ident":null,"values":[{{"Tuple":{{"ident":"Admin","values":[]}}}},{{"Literal":"{a}"}}]}}}},{{"Tuple":{{"ident":null,"values":[{{"Literal":"Guardian"}},{{"Literal":"{a}"}}]}}}}]}}}}"#
        );
        let expected = vec![(String::from("Admin"), a.to_string()), (String::from("Guardian"), a.to_string())];
        assert_eq!(parse(&json).role_holders(), expected);
        assert!(parse(r#"{"Literal":"None"}"#).role_holders().is_empty());
    }

    #[test]
    fn addresses_are_found_in_order() {
        let a = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
        let b = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty";
        let json = format!(r#"{{"Tuple":{{"ident":"Ok","values":[{{"Tuple":{{"ident":null,"values":[{{"Literal":"{a}"}},{{"Literal":"{b}"}}]}}}}]}}}}"#);
        assert_eq!(parse(&json).addresses(), vec![a.to_string(), b.to_string()]);
        assert!(parse(r#"{"Literal":"None"}"#).addresses().is_empty());
    }
}
