//! Seating engine: assigns event participants to tables over several rounds.
//! Owns the problem model, the JSON v1 formats, the anytime solver, validation and
//! quality reports, per-table explanations, re-planning and the benchmark generator.
//! Pure Rust (no Leptos, no database); builds for the server and for wasm32.

pub mod design;
pub mod error;
pub mod explain;
pub mod flow;
pub mod format;
pub mod generate;
pub mod problem;
pub mod replan;
pub mod rng;
pub mod score;
pub mod solver;

#[cfg(not(target_arch = "wasm32"))]
pub mod bench;
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

#[cfg(test)]
mod tests;

pub use error::SeatingError;
pub use explain::{render_table_explanation, NeedMatch, TableExplanation};
pub use format::{AssignmentV1, InstanceV1};
pub use generate::{generate_event, GenSpec};
pub use problem::{Lock, Participant, Plan, Problem, ProblemSpec, Table, Weights};
pub use replan::{replan, ReplanResult};
pub use score::{validate, QualityReport, Violation};
pub use solver::{solve, SeatingResult, SolveOptions, SolveStats, StopReason};

#[cfg(not(target_arch = "wasm32"))]
pub use bench::run_bench_cli;
#[cfg(not(target_arch = "wasm32"))]
pub use cli::{default_time_limit, run_seat_cli};
