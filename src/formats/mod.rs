//! Other file formats: the Curtois & Qu benchmark's instance text and the
//! benchmark site's XML roster files.
//!
//! ```no_run
//! use flexline::formats::NrpInstance;
//! let inst = NrpInstance::from_file("Instance1.txt")?;
//! let scenario = inst.to_scenario("Instance1");
//! let plan = flexline::solve(&scenario, &Default::default())?;
//! println!("penalty {}", plan.cost.objective);
//! # Ok::<(), flexline::Error>(())
//! ```

mod nrp;
mod roster_xml;

pub use nrp::{NrpCover, NrpInstance, NrpRequest, NrpShift, NrpStaff, DAY_ZERO};
pub use roster_xml::{
    read_roster_xml, write_roster_xml, RosterFile, RosterMeta, MAX_XML_DEPTH, MAX_XML_NODES,
};
