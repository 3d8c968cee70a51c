//! Names from serde: the string a unit enum variant serialises to, as a
//! `&'static str`. Rule names, issue codes and the like are written once, in
//! their `#[serde(rename_all = ...)]`, and read back here — never mirrored
//! by hand.

use serde::ser::{self, Impossible, Serialize, Serializer};

/// The serde name of a unit variant (`RuleId::MinRest` → `"min_rest"`), or
/// `"unknown"` for anything else (never happens for the enums that use it).
pub(crate) fn variant_name<T: Serialize>(value: &T) -> &'static str {
    value.serialize(VariantName).unwrap_or("unknown")
}

struct VariantName;

#[derive(Debug)]
struct NotUnitVariant;

impl std::fmt::Display for NotUnitVariant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not a unit variant")
    }
}

impl std::error::Error for NotUnitVariant {}

impl ser::Error for NotUnitVariant {
    fn custom<M: std::fmt::Display>(_: M) -> Self {
        NotUnitVariant
    }
}

type No = Impossible<&'static str, NotUnitVariant>;

macro_rules! refuse {
    ($($name:ident($($arg:ty),*)),* $(,)?) => {
        $(fn $name(self, $(_: $arg),*) -> Result<&'static str, NotUnitVariant> {
            Err(NotUnitVariant)
        })*
    };
}

impl Serializer for VariantName {
    type Ok = &'static str;
    type Error = NotUnitVariant;
    type SerializeSeq = No;
    type SerializeTuple = No;
    type SerializeTupleStruct = No;
    type SerializeTupleVariant = No;
    type SerializeMap = No;
    type SerializeStruct = No;
    type SerializeStructVariant = No;

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<&'static str, NotUnitVariant> {
        Ok(variant)
    }

    refuse!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
        serialize_none(),
        serialize_unit(),
        serialize_unit_struct(&'static str),
    );

    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<&'static str, NotUnitVariant> {
        Err(NotUnitVariant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<&'static str, NotUnitVariant> {
        Err(NotUnitVariant)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<&'static str, NotUnitVariant> {
        Err(NotUnitVariant)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<No, NotUnitVariant> {
        Err(NotUnitVariant)
    }
    fn serialize_tuple(self, _: usize) -> Result<No, NotUnitVariant> {
        Err(NotUnitVariant)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<No, NotUnitVariant> {
        Err(NotUnitVariant)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<No, NotUnitVariant> {
        Err(NotUnitVariant)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<No, NotUnitVariant> {
        Err(NotUnitVariant)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<No, NotUnitVariant> {
        Err(NotUnitVariant)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<No, NotUnitVariant> {
        Err(NotUnitVariant)
    }
}

#[cfg(test)]
mod tests {
    use super::variant_name;

    #[test]
    fn names_are_the_serde_strings() {
        use crate::issues::{IssueCode, LayoutIssueCode};
        use crate::rules::RuleId as Rule;
        for r in [Rule::MinRest, Rule::FinishedStock, Rule::HomeOnSite] {
            assert_eq!(
                serde_json::to_value(r).unwrap().as_str(),
                Some(variant_name(&r))
            );
        }
        assert_eq!(
            variant_name(&IssueCode::TooManyWorkplaces),
            "too_many_workplaces"
        );
        assert_eq!(
            variant_name(&LayoutIssueCode::NotConsecutive),
            "not_consecutive"
        );
        assert_eq!(variant_name(&Some(3)), "unknown");
    }
}
