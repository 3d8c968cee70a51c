//! Typed identifiers.
//!
//! Every entity in a [`Scenario`](crate::Scenario) is named by a string id in
//! the input file. Each kind of id is its own type so a station id can never be
//! passed where a worker id is expected.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! typed_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// Creates an id from anything string-like.
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            /// The id as written in the scenario.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }
    };
}

typed_id!(
    /// Identifies a [`Worker`](crate::Worker).
    ///
    /// ```
    /// let id = flexline::WorkerId::new("w01");
    /// assert_eq!(id.to_string(), "w01");
    /// ```
    WorkerId
);
typed_id!(
    /// Identifies a [`ShiftTemplate`](crate::ShiftTemplate).
    ///
    /// ```
    /// let id = flexline::ShiftId::from("flex");
    /// assert_eq!(id.as_str(), "flex");
    /// ```
    ShiftId
);
typed_id!(
    /// Identifies a production [`Line`](crate::Line).
    ///
    /// ```
    /// let id = flexline::LineId::from("mom-line");
    /// assert_eq!(id.as_str(), "mom-line");
    /// ```
    LineId
);
typed_id!(
    /// Identifies a [`Station`](crate::Station) (a step of a line).
    ///
    /// ```
    /// let id = flexline::StationId::from("assembly");
    /// assert_eq!(id.as_str(), "assembly");
    /// ```
    StationId
);
typed_id!(
    /// Identifies a skill (e.g. `winding`, `assembly`).
    ///
    /// ```
    /// let id = flexline::SkillId::from("winding");
    /// assert_eq!(id.as_str(), "winding");
    /// ```
    SkillId
);
typed_id!(
    /// Identifies an [`OutputTarget`](crate::OutputTarget).
    ///
    /// ```
    /// let id = flexline::TargetId::from("mon-regular");
    /// assert_eq!(id.as_str(), "mon-regular");
    /// ```
    TargetId
);
